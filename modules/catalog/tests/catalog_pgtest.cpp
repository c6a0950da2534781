// Products, variants, categories, reviews and stock against a real
// PostgreSQL, under the catalog's role.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "catalog/src/cache_feed.hpp"
#include "catalog/src/catalog_service.hpp"
#include "catalog/src/demo_seed.hpp"
#include "catalog/src/product_store.hpp"
#include "catalog/src/review_store.hpp"
#include "catalog/src/variant_store.hpp"
#include "catalog_fixture.hpp"

using namespace emporium;
using namespace emporium::catalog;
using namespace emporium::catalog::testing;

namespace {

ProductInput shirt_input() {
  ProductInput input;
  input.name = "Trail Tee";
  input.variants.sku = "TEE";
  input.variants.price = 1999;
  input.variants.options = std::vector<ProductOption>{{"Size", {"S", "M"}}, {"Colour", {"Red", "Blue"}}};
  return input;
}

Paged<ProductSummary> list(CatalogFixture& f, ListingQuery query) {
  return f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { return ProductStore(tx).list(query); });
}

std::vector<std::string> names(const Paged<ProductSummary>& found) {
  std::vector<std::string> out;
  for (const auto& item : found.items) out.push_back(item.name);
  return out;
}

}  // namespace

TEST_CASE("a product with options gets a variant per combination, and the Catalog interface reads them") {
  CatalogFixture f("catalog_variants");
  auto created = f.products.create(kSeller, shirt_input());
  REQUIRE(created);
  CHECK(created->summary.price == 1999);
  CHECK(created->status == "active");
  REQUIRE(created->variants.size() == 4);
  CHECK(created->variants[0].sku == "TEE-S-RED");
  CatalogService catalog(f.db, f.cache);
  auto variants = catalog.variants_of(created->summary.id);
  REQUIRE(variants.size() == 4);
  CHECK(variants[0].seller_id == kSeller.user_id);
  CHECK(variants[0].product_name == "Trail Tee");
  CHECK(variants[0].options == std::map<std::string, std::string>{{"Colour", "Red"}, {"Size", "S"}});
  CHECK(catalog.find_variant(variants[1].variant_id)->sku == "TEE-S-BLUE");
  auto sole = catalog.sole_variant(created->summary.id);
  REQUIRE_FALSE(sole);
  CHECK(sole.error().code == "variant_required");
  auto first_three = catalog.list_variants("", 3);
  REQUIRE(first_three.size() == 3);
  CHECK(first_three[0].variant_id < first_three[1].variant_id);
  CHECK(catalog.list_variants(first_three[2].variant_id, 100).size() == 1);
  CHECK(f.count("SELECT count(*) FROM catalog.outbox WHERE name = 'catalog.product_changed'") == 1);

  auto mug = f.product("Mug", 1250);
  auto only = catalog.sole_variant(mug.summary.id);
  REQUIRE(only);
  CHECK(only->sku == mug.sku);
  CHECK(only->price_minor == 1250);
  CHECK_FALSE(catalog.find_variant("var_nope"));
  CHECK(catalog.sole_variant("prod_nope").error().code == "not_found");
}

TEST_CASE("the Catalog interface reads many variants at once; unknown ids are absent, archived ones inactive") {
  CatalogFixture f("catalog_find_variants");
  auto created = f.products.create(kSeller, shirt_input());
  REQUIRE(created);
  auto mug = f.product("Mug", 1250);
  CatalogService catalog(f.db, f.cache);
  auto shirts = catalog.variants_of(created->summary.id);
  auto mugs = catalog.variants_of(mug.summary.id);
  REQUIRE(shirts.size() == 4);
  REQUIRE(mugs.size() == 1);
  REQUIRE(f.products.archive(kSeller, mug.summary.id));

  auto found = catalog.find_variants({shirts[1].variant_id, "var_nope", mugs[0].variant_id, shirts[3].variant_id});
  REQUIRE(found.size() == 3);
  CHECK_FALSE(found.contains("var_nope"));
  const auto& blue = found.at(shirts[1].variant_id);
  CHECK(blue.sku == "TEE-S-BLUE");
  CHECK(blue.product_id == created->summary.id);
  CHECK(blue.seller_id == kSeller.user_id);
  CHECK(blue.product_name == "Trail Tee");
  CHECK(blue.options == std::map<std::string, std::string>{{"Colour", "Blue"}, {"Size", "S"}});
  CHECK(blue.price_minor == 1999);
  CHECK(blue.active);
  CHECK(found.at(shirts[3].variant_id).sku == shirts[3].sku);
  const auto& archived = found.at(mugs[0].variant_id);
  CHECK_FALSE(archived.active);
  CHECK(archived.price_minor == 1250);
  CHECK_FALSE(catalog.find_variant(mugs[0].variant_id)->active);
  CHECK(catalog.find_variants({}).empty());
  CHECK(catalog.find_variants({"var_nope", "quote\"and\\slash"}).empty());
}

TEST_CASE("the Catalog interface answers a repeated lookup from the cache until the product changes") {
  CatalogFixture f("catalog_variant_cache");
  auto mug = f.product("Mug", 1250);
  CatalogService catalog(f.db, f.cache);
  const std::string variant_id = catalog.variants_of(mug.summary.id).at(0).variant_id;
  REQUIRE(catalog.find_variant(variant_id)->price_minor == 1250);
  CHECK_FALSE(catalog.find_variant("var_later"));

  // Written behind the catalog's back, so only a database read can see it.
  const auto sneak_price = [&](int price) {
    f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) {
      tx.sql() << "UPDATE catalog.variants SET price = :price WHERE id = :id", soci::use(price, "price"),
          soci::use(variant_id, "id");
    });
  };
  sneak_price(1111);
  CHECK(catalog.find_variant(variant_id)->price_minor == 1250);
  CHECK(catalog.find_variants({variant_id}).at(variant_id).price_minor == 1250);
  CHECK(catalog.sole_variant(mug.summary.id)->price_minor == 1250);

  // A product change through the catalog drops every cached lookup.
  ProductInput reprice;
  reprice.variants.price = 1500;
  REQUIRE(f.products.update(kSeller, mug.summary.id, reprice));
  CHECK(catalog.find_variant(variant_id)->price_minor == 1500);
  CHECK(catalog.sole_variant(mug.summary.id)->price_minor == 1500);
  CHECK(catalog.variants_of(mug.summary.id).at(0).price_minor == 1500);

  // A stock change does not: a VariantRef carries no stock.
  apply_cache_change(f.cache, CacheChange::stock(mug.summary.id));
  sneak_price(1600);
  CHECK(catalog.find_variant(variant_id)->price_minor == 1500);

  // Without the feed's trust every lookup reads PostgreSQL.
  f.cache.trust_until({});
  CHECK(catalog.find_variant(variant_id)->price_minor == 1600);
  CHECK(catalog.variants_of(mug.summary.id).at(0).price_minor == 1600);
}

TEST_CASE("a SKU belongs to one variant across all products") {
  CatalogFixture f("catalog_skus");
  REQUIRE(f.products.create(kSeller, shirt_input()));
  auto again = f.products.create(kOtherSeller, shirt_input());
  REQUIRE_FALSE(again);
  CHECK(again.failure().code == "sku_taken");
  CHECK(f.count("SELECT count(*) FROM catalog.products") == 1);
}

TEST_CASE("an edit can swap the SKUs of two variants and drops the variants it leaves out") {
  CatalogFixture f("catalog_swap");
  auto created = f.products.create(kSeller, shirt_input());
  REQUIRE(created);
  const auto& v = created->variants;
  ProductInput swap;
  VariantInput a, b;
  a.id = v[0].id;
  a.sku = v[1].sku;
  b.id = v[1].id;
  b.sku = v[0].sku;
  b.price = 2500;
  swap.variants.variants = std::vector<VariantInput>{a, b};
  auto updated = f.products.update(kSeller, created->summary.id, swap);
  REQUIRE(updated);
  REQUIRE(updated->variants.size() == 2);
  CHECK(updated->variants[0].id == v[0].id);
  CHECK(updated->variants[0].sku == v[1].sku);
  CHECK(updated->variants[1].sku == v[0].sku);
  CHECK(updated->summary.price == 1999);
  CHECK(f.count("SELECT count(*) FROM catalog.variants") == 2);
}

TEST_CASE("sellers change only their own products; archived products are hidden from everyone else") {
  CatalogFixture f("catalog_ownership");
  auto mug = f.product("Mug", 1250);
  ProductInput rename;
  rename.name = "Big Mug";
  auto foreign = f.products.update(kOtherSeller, mug.summary.id, rename);
  REQUIRE_FALSE(foreign);
  CHECK(foreign.failure().code == "forbidden");
  CHECK(f.products.archive(kOtherSeller, mug.summary.id).failure().code == "forbidden");
  REQUIRE(f.products.update(kAdmin, mug.summary.id, rename));
  REQUIRE(f.products.archive(kSeller, mug.summary.id));
  REQUIRE(f.products.archive(kSeller, mug.summary.id));  // again: a no-op
  CHECK(f.products.update(kOtherSeller, mug.summary.id, rename).failure().code == "not_found");
  CHECK(f.products.find_for(std::nullopt, mug.summary.id).failure().code == "not_found");
  CHECK(f.products.find_for(kOtherSeller, mug.summary.id).failure().code == "not_found");
  CHECK(f.products.find_for(kSeller, mug.summary.id)->status == "archived");
  CHECK(f.products.find_for(kAdmin, mug.summary.id)->summary.name == "Big Mug");
  CHECK(f.reads.product(mug.summary.id).response->status == 404);
  CHECK(list(f, {}).total == 0);
  ProductInput restore;
  restore.status = "active";
  REQUIRE(f.products.update(kSeller, mug.summary.id, restore));
  CHECK(list(f, {}).total == 1);
}

TEST_CASE("lists show active products of a category subtree or a seller in the asked order") {
  CatalogFixture f("catalog_lists");
  const auto fashion = f.category("fashion", "Fashion");
  f.category("shoes", "Shoes", fashion);
  f.category("books", "Books");
  f.product("Boots", 9000, "shoes");
  f.product("Scarf", 2000, "fashion");
  f.product("Atlas", 3000, "books", "", kOtherSeller);
  ListingQuery query;
  query.category = "fashion";
  query.sort = SortOrder::price_asc;
  CHECK(names(list(f, query)) == std::vector<std::string>{"Scarf", "Boots"});
  query.category = "shoes";
  CHECK(names(list(f, query)) == std::vector<std::string>{"Boots"});
  query.category = "";
  query.seller = kOtherSeller.user_id;
  CHECK(names(list(f, query)) == std::vector<std::string>{"Atlas"});
  CHECK(names(list(f, {"", "", SortOrder::name, {}})) == std::vector<std::string>{"Atlas", "Boots", "Scarf"});
  CHECK(names(list(f, {"", "", SortOrder::newest, {}})) == std::vector<std::string>{"Atlas", "Scarf", "Boots"});
  CHECK(names(list(f, {"", "", SortOrder::price_desc, {1, 2}})) == std::vector<std::string>{"Boots", "Atlas"});
  auto second = list(f, {"", "", SortOrder::price_desc, {2, 2}});
  CHECK(second.total == 3);
  CHECK(names(second) == std::vector<std::string>{"Scarf"});
  CHECK(list(f, {"nowhere", "", SortOrder::newest, {}}).total == 0);
}

TEST_CASE("categories: slugs are unique, moves cannot close a loop, and only empty categories go") {
  CatalogFixture f("catalog_categories");
  const auto root = f.category("home", "Home");
  const auto child = f.category("kitchen", "Kitchen", root);
  CHECK(f.categories.create({"home", "Again", ""}).failure().code == "slug_taken");
  CHECK(f.categories.create({"x", "X", "cat_nope"}).failure().code == "validation_failed");
  auto loop = f.categories.update(root, {"home", "Home", child});
  REQUIRE_FALSE(loop);
  CHECK(loop.failure().fields.at(0).field == "parent_id");
  CHECK(f.categories.update(child, {"home", "Kitchen", root}).failure().code == "slug_taken");
  CHECK(f.categories.update("cat_nope", {"a", "A", ""}).failure().code == "not_found");
  CHECK(f.categories.remove(root).failure().code == "category_not_empty");
  f.product("Pan", 2000, "kitchen");
  CHECK(f.categories.remove(child).failure().code == "category_not_empty");
  const auto empty = f.category("empty", "Empty");
  REQUIRE(f.categories.remove(empty));
  CHECK(f.categories.remove(empty).failure().code == "not_found");
}

TEST_CASE("reviews: one per customer and product, and the rating always matches the reviews") {
  CatalogFixture f("catalog_reviews");
  auto mug = f.product("Mug", 1250);
  constexpr int kCustomers = 12;
  std::vector<std::thread> threads;
  std::atomic<int> added{0};
  for (int i = 0; i < kCustomers; ++i) {
    threads.emplace_back([&, i] {
      const kernel::Principal customer{"usr_c" + std::to_string(i), kernel::Role::customer};
      if (f.reviews.add(customer, mug.summary.id, {1 + i % 5, "t", "b"})) ++added;
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(added == kCustomers);
  const kernel::Principal first{"usr_c0", kernel::Role::customer};
  CHECK(f.reviews.add(first, mug.summary.id, {5, "", ""}).failure().code == "review_exists");
  auto product = f.products.find_for(std::nullopt, mug.summary.id);
  CHECK(product->summary.review_count == kCustomers);
  // Ratings 1..5 repeating over 12 customers: (1+2+3+4+5)*2 + 1 + 2 = 33, 33/12 = 2.75.
  CHECK(product->summary.rating_hundredths == 275);
  CHECK(f.count("SELECT count(*) FROM catalog.outbox WHERE name = 'catalog.review_added'") == kCustomers);
  auto page = f.reviews.list(mug.summary.id, {1, 5});
  CHECK(page->total == kCustomers);
  CHECK(page->items.size() == 5);
  REQUIRE(f.products.archive(kSeller, mug.summary.id));
  const kernel::Principal late{"usr_late", kernel::Role::customer};
  CHECK(f.reviews.add(late, mug.summary.id, {5, "", ""}).failure().code == "not_found");
  CHECK(f.reviews.list(mug.summary.id, {}).failure().code == "not_found");
}

TEST_CASE("a review is a verified purchase when the catalog has recorded the purchase, and erasure anonymises it") {
  CatalogFixture f("catalog_verified");
  f.users->by_id["usr_buyer"] = {"usr_buyer", "buyer@example.com", "Bea Buyer", kernel::Role::customer, false};
  auto mug = f.product("Mug", 1250);
  f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) {
    tx.sql() << "INSERT INTO catalog.purchases (user_id, product_id) VALUES ('usr_buyer', :id)",
        soci::use(mug.summary.id, "id");
  });
  auto review = f.reviews.add({"usr_buyer", kernel::Role::customer}, mug.summary.id, {5, "Great", "Lovely mug"});
  REQUIRE(review);
  CHECK(review->verified_purchase);
  CHECK(review->author_name == "Bea Buyer");
  auto other = f.reviews.add({"usr_window", kernel::Role::customer}, mug.summary.id, {3, "", ""});
  CHECK_FALSE(other->verified_purchase);
  f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { ReviewStore(tx).anonymise("usr_buyer"); });
  auto reviews = f.reviews.list(mug.summary.id, {});
  const auto& anonymised = reviews->items.back();
  CHECK(anonymised.id == review->id);
  CHECK(anonymised.user_id.empty());
  CHECK(anonymised.author_name.empty());
  CHECK(f.products.find_for(std::nullopt, mug.summary.id)->summary.review_count == 2);
}

TEST_CASE("stock figures from the inventory set in_stock; an older version does not overwrite a newer one") {
  CatalogFixture f("catalog_stock");
  auto created = f.products.create(kSeller, shirt_input());
  const auto& variants = created->variants;
  auto set = [&](const std::string& variant_id, std::int64_t available, std::int64_t version) {
    return f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) {
      return VariantStore(tx).set_available({variant_id, available, version});
    });
  };
  auto first = set(variants[0].id, 5, 1);
  REQUIRE(first);
  CHECK(first->in_stock_changed);
  CHECK(first->product_id == created->summary.id);
  auto second = set(variants[1].id, 2, 1);
  CHECK_FALSE(second->in_stock_changed);
  CHECK_FALSE(set(variants[0].id, 99, 1));  // the same version again: ignored
  CHECK(set(variants[0].id, 4, 3));
  CHECK_FALSE(set(variants[0].id, 99, 2));  // an older version arriving late: ignored
  CHECK_FALSE(set("var_unknown", 1, 1));
  auto product = f.products.find_for(std::nullopt, created->summary.id);
  CHECK(product->summary.in_stock);
  CHECK(product->available == 6);
  CHECK(product->variants[0].available == 4);
  set(variants[0].id, 0, 4);
  CHECK(set(variants[1].id, 0, 2)->in_stock_changed);
  CHECK_FALSE(f.products.find_for(std::nullopt, created->summary.id)->summary.in_stock);
}

TEST_CASE("a bulk stock load sets many variants at once and keeps the products' totals") {
  CatalogFixture f("catalog_stock_load");
  auto shirt = f.products.create(kSeller, shirt_input());
  auto mug = f.product("Mug", 1250);
  std::vector<StockLevel> levels;
  for (const auto& variant : shirt->variants) levels.push_back({variant.id, 3, 1});
  levels.push_back({mug.variants[0].id, 10, 1});
  levels.push_back({"var_unknown", 1, 1});
  auto changed = f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).set_available_many(levels); });
  CHECK(changed.size() == 2);
  CHECK(f.products.find_for(std::nullopt, shirt->summary.id)->available == 12);
  CHECK(f.products.find_for(std::nullopt, mug.summary.id)->available == 10);
  CHECK(f.products.find_for(std::nullopt, mug.summary.id)->summary.in_stock);
  auto again = f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).set_available_many(levels); });
  CHECK(again.empty());
}

TEST_CASE("cached reads are served until a change, and a change is visible on the next read") {
  CatalogFixture f("catalog_cached");
  auto mug = f.product("Mug", 1250);
  CHECK_FALSE(f.reads.product(mug.summary.id).hit);
  CHECK(f.reads.product(mug.summary.id).hit);
  CHECK_FALSE(f.reads.list({}).hit);
  CHECK(f.reads.list({}).hit);
  ProductInput rename;
  rename.name = "Big Mug";
  REQUIRE(f.products.update(kSeller, mug.summary.id, rename));
  auto read = f.reads.product(mug.summary.id);
  CHECK_FALSE(read.hit);
  CHECK(read.response->body.find("Big Mug") != std::string::npos);
  CHECK(f.reads.list({}).response->body.find("Big Mug") != std::string::npos);
}

TEST_CASE("another instance's change reaches this instance's cache through LISTEN/NOTIFY") {
  CatalogFixture f("catalog_feed");
  auto mug = f.product("Mug", 1250);
  ResponseCache remote_cache({});
  CacheFeedListener listener(f.db.connection_string(), remote_cache);
  listener.start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!remote_cache.trusted() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(remote_cache.trusted());
  const auto key = product_cache_key(mug.summary.id);
  remote_cache.put(key, ResponseCache::Kind::product, std::make_shared<const CachedResponse>(CachedResponse{200, "old", {}}),
                   remote_cache.ticket(ResponseCache::Kind::product));
  REQUIRE(remote_cache.get(key, ResponseCache::Kind::product));
  ProductInput rename;
  rename.name = "Big Mug";
  REQUIRE(f.products.update(kSeller, mug.summary.id, rename));  // through the other cache
  bool dropped = false;
  while (!dropped && std::chrono::steady_clock::now() < deadline) {
    dropped = remote_cache.get(key, ResponseCache::Kind::product) == nullptr;
    if (!dropped) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(dropped);
  listener.stop();
}

TEST_CASE("the demo catalog loads once, with its category tree, variants and consistent ratings") {
  CatalogFixture f("catalog_seed");
  f.users->by_id["usr_demo_seller"] = {"usr_demo_seller", std::string(user::kDemoSeller.email), "Demo Seller",
                                       kernel::Role::seller, false};
  f.users->by_id["usr_demo_customer"] = {"usr_demo_customer", std::string(user::kDemoCustomer.email), "Demo Customer",
                                         kernel::Role::customer, false};
  seed_demo_catalog(f.db, *f.users, f.cache, {1000});
  CHECK(f.count("SELECT count(*) FROM catalog.products") == 1000);
  CHECK(f.count("SELECT count(*) FROM catalog.products WHERE category_id IS NULL") == 0);
  CHECK(f.count("SELECT count(*) FROM catalog.categories") == 53);
  CHECK(f.count("SELECT count(*) FROM catalog.variants") > 1000);
  CHECK(f.count("SELECT count(*) FROM catalog.products p WHERE p.price <> "
                "(SELECT min(price) FROM catalog.variants v WHERE v.product_id = p.id)") == 0);
  CHECK(f.count("SELECT count(*) FROM catalog.reviews") == 200);
  CHECK(f.count("SELECT count(*) FROM catalog.products p WHERE p.review_count <> "
                "(SELECT count(*) FROM catalog.reviews r WHERE r.product_id = p.id)") == 0);
  seed_demo_catalog(f.db, *f.users, f.cache, {1000});
  CHECK(f.count("SELECT count(*) FROM catalog.products") == 1000);
}
