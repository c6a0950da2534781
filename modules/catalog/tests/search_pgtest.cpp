// Search relevance on PostgreSQL: exact, prefix and misspelt words, filters,
// sorts and paging, with the catalog's own SQL under its role.
#include <doctest/doctest.h>

#include "catalog/src/search_store.hpp"
#include "catalog_fixture.hpp"

using namespace emporium;
using namespace emporium::catalog;
using namespace emporium::catalog::testing;

namespace {

struct SearchFixture : CatalogFixture {
  SearchFixture() : CatalogFixture("catalog_search") {
    const auto electronics = category("electronics", "Electronics");
    const auto audio = category("audio", "Audio", electronics);
    category("headphones", "Headphones", audio);
    category("computers", "Computers", electronics);
    category("kitchen", "Kitchen");
    product("Wireless Headphones", 9999, "headphones", "Over-ear headphones with a long battery life.");
    product("AudioMax Wireless Headphones Pro 300", 24999, "headphones", "Premium noise cancelling.");
    product("Studio Headphones", 14900, "headphones", "Wired, for mixing.");
    product("Headphone Stand", 1999, "audio", "Walnut stand for any headphones.");
    product("Wireless Mouse", 2999, "computers", "A quiet mouse.");
    product("Mechanical Keyboard", 8900, "computers", "Tactile keys; pairs with wireless headphones too.");
    product("Cast Iron Frying Pan", 4500, "kitchen", "Seasoned and ready.");
    product("Espresso Machine", 39900, "kitchen", "Fifteen bar pump.");
  }

  Paged<ProductSummary> search(const std::string& q, SortOrder sort = SortOrder::relevance,
                               const std::string& category_slug = "", std::optional<std::int64_t> price_min = {},
                               std::optional<std::int64_t> price_max = {}, std::int64_t page = 1,
                               std::int64_t per_page = 20) {
    SearchQuery query;
    query.words = search_words(q);
    query.sort = sort;
    query.category = category_slug;
    query.price_min = price_min;
    query.price_max = price_max;
    query.page = {page, per_page};
    return db.transact(catalog_module_id(), [&](kernel::Tx& tx) { return SearchStore(tx).search(query); });
  }

  static std::vector<std::string> names(const Paged<ProductSummary>& found) {
    std::vector<std::string> out;
    for (const auto& item : found.items) out.push_back(item.name);
    return out;
  }
};

}  // namespace

TEST_CASE("an exact name comes first, and name matches rank above description matches") {
  SearchFixture f;
  auto found = f.search("wireless headphones");
  REQUIRE(found.total >= 2);
  CHECK(found.items[0].name == "Wireless Headphones");
  CHECK(found.items[1].name == "AudioMax Wireless Headphones Pro 300");
  CHECK(SearchFixture::names(found).back() == "Mechanical Keyboard");
}

TEST_CASE("a misspelt query still finds its product first") {
  SearchFixture f;
  CHECK(f.search("wireles headphone").items.at(0).name == "Wireless Headphones");
  CHECK(f.search("wirless hedphones").items.at(0).name == "Wireless Headphones");
  CHECK(f.search("espreso").items.at(0).name == "Espresso Machine");
  CHECK(f.search("fryng pan").items.at(0).name == "Cast Iron Frying Pan");
}

TEST_CASE("a prefix finds the words it starts") {
  SearchFixture f;
  auto found = f.search("headph");
  CHECK(found.total == 5);
  CHECK(f.search("mech").items.at(0).name == "Mechanical Keyboard");
}

TEST_CASE("a word that matches nothing finds nothing, as does a stop word") {
  SearchFixture f;
  CHECK(f.search("zebra").total == 0);
  CHECK(f.search("the").total == 0);
  CHECK(f.search("headphones zebra").total == 0);
}

TEST_CASE("the category name counts: a category's products are found by it") {
  SearchFixture f;
  auto found = f.search("kitchen");
  CHECK(found.total == 2);
}

TEST_CASE("a category filter includes its subcategories and a price range filters on the lowest price") {
  SearchFixture f;
  CHECK(f.search("headphones", SortOrder::relevance, "audio").total == 4);
  CHECK(f.search("headphones", SortOrder::relevance, "electronics").total == 5);
  CHECK(f.search("headphones", SortOrder::relevance, "computers").total == 1);
  CHECK(f.search("headphones", SortOrder::relevance, "kitchen").total == 0);
  auto cheap = f.search("headphones", SortOrder::relevance, "", 0, 10000);
  CHECK(SearchFixture::names(cheap) ==
        std::vector<std::string>{"Wireless Headphones", "Headphone Stand", "Mechanical Keyboard"});
  CHECK(f.search("headphones", SortOrder::relevance, "", 9999, 9999).total == 1);
}

TEST_CASE("sorts override relevance and combine with filters and paging") {
  SearchFixture f;
  CHECK(SearchFixture::names(f.search("headphones", SortOrder::price_asc, "audio")) ==
        std::vector<std::string>{"Headphone Stand", "Wireless Headphones", "Studio Headphones",
                                 "AudioMax Wireless Headphones Pro 300"});
  CHECK(f.search("headphones", SortOrder::price_desc).items.at(0).name == "AudioMax Wireless Headphones Pro 300");
  CHECK(f.search("headphones", SortOrder::name).items.at(0).name == "AudioMax Wireless Headphones Pro 300");
  auto second = f.search("headphones", SortOrder::price_asc, "", {}, {}, 2, 2);
  CHECK(second.total == 5);
  CHECK(SearchFixture::names(second) == std::vector<std::string>{"Wireless Headphones", "Studio Headphones"});
  auto beyond = f.search("headphones", SortOrder::price_asc, "", {}, {}, 9, 2);
  CHECK(beyond.total == 5);
  CHECK(beyond.items.empty());
}

TEST_CASE("archived products are not found, and a renamed product is found by its new name") {
  SearchFixture f;
  auto mouse = f.search("mouse").items.at(0);
  ProductInput rename;
  rename.name = "Silent Trackball";
  REQUIRE(f.products.update(kSeller, mouse.id, rename));
  CHECK(f.search("mouse").total == 1);  // the description still says mouse
  CHECK(f.search("trackball").items.at(0).id == mouse.id);
  CHECK(f.search("trakball").items.at(0).id == mouse.id);  // its words joined the spelling dictionary
  REQUIRE(f.products.archive(kSeller, mouse.id));
  CHECK(f.search("trackball").total == 0);
}

TEST_CASE("a renamed category renames what its products are found by") {
  SearchFixture f;
  auto kitchen = f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) {
    return CategoryStore(tx).find_by_reference("kitchen");
  });
  REQUIRE(kitchen);
  REQUIRE(f.categories.update(kitchen->id, {"cookware", "Cookware", ""}));
  CHECK(f.search("cookware").total == 2);
  CHECK(f.search("kitchen").total == 0);
}

TEST_CASE("the plain name still comes first among hundreds of products that match the query equally") {
  CatalogFixture f("catalog_search_ties");
  f.category("headphones", "Headphones");
  for (int i = 0; i < 150; ++i) {
    f.product("Brand" + std::to_string(i) + " Wireless Headphones M" + std::to_string(i), 5000 + i, "headphones");
  }
  const auto plain = f.product("Wireless Headphones", 9999, "headphones");
  SearchQuery query;
  query.words = search_words("wireles headphone");
  auto found = f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { return SearchStore(tx).search(query); });
  CHECK(found.total == 151);
  REQUIRE_FALSE(found.items.empty());
  CHECK(found.items[0].id == plain.summary.id);
  query.page = {8, 20};
  auto last = f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { return SearchStore(tx).search(query); });
  CHECK(last.items.size() == 11);
}
