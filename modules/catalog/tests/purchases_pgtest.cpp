// order.paid feeds catalog.purchases, so a buyer's review is a verified purchase.
#include "catalog/src/subscribers.hpp"
#include "catalog_fixture.hpp"

using namespace emporium;
using namespace emporium::catalog;
using namespace emporium::catalog::testing;

namespace {

kernel::Event paid(const std::string& id, const std::string& customer, const std::string& first,
                   const std::string& second) {
  std::string items = R"([{"product_id":")" + first +
                      R"(","variant_id":"v1","seller_id":"usr_seller","name":"A","sku":"A","quantity":1,"unit_price_minor":100,"line_total_minor":100},)"
                      R"({"product_id":")" + second +
                      R"(","variant_id":"v2","seller_id":"usr_seller","name":"B","sku":"B","quantity":2,"unit_price_minor":50,"line_total_minor":100}])";
  return {id, "order.paid", 1,
          R"({"order_id":"o1","customer_id":")" + customer + R"(","currency":"USD","payment_id":"p","items":)" + items +
              R"(,"subtotal_minor":200,"shipping_minor":0,"tax_minor":0,"total_minor":200})",
          "2026-11-20T09:00:00Z", "order"};
}

}  // namespace

TEST_CASE("order.paid records each product of the order as bought by its customer, so their reviews are verified") {
  CatalogFixture f("catalog_purchases");
  auto mug = f.product("Mug", 100);
  auto cup = f.product("Cup", 50);
  auto bowl = f.product("Bowl", 70);
  auto early = f.reviews.add({"usr_buyer", kernel::Role::customer}, cup.summary.id, {4, "", ""});
  REQUIRE(early);
  CHECK_FALSE(early->verified_purchase);
  auto handle = [&](const kernel::Event& e) {
    f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { record_paid_orders({e}, tx); });
  };
  handle(paid("e1", "usr_buyer", mug.summary.id, cup.summary.id));
  handle(paid("e1", "usr_buyer", mug.summary.id, cup.summary.id));  // a repeat changes nothing
  CHECK(f.count("SELECT count(*) FROM catalog.purchases WHERE user_id = 'usr_buyer'") == 2);
  CHECK(f.count("SELECT count(*) FROM catalog.purchases WHERE purchased_at = '2026-11-20T09:00:00Z'") == 2);

  CHECK(f.reviews.add({"usr_buyer", kernel::Role::customer}, mug.summary.id, {5, "", ""})->verified_purchase);
  // The review written before the order was paid is verified now.
  CHECK(f.reviews.list(cup.summary.id, {})->items.front().verified_purchase);
  CHECK_FALSE(f.reviews.add({"usr_buyer", kernel::Role::customer}, bowl.summary.id, {4, "", ""})->verified_purchase);
  CHECK_FALSE(f.reviews.add({"usr_other_buyer", kernel::Role::customer}, mug.summary.id, {4, "", ""})->verified_purchase);
}

TEST_CASE("an order.paid without items is rejected, so the delivery is retried and parked rather than lost") {
  CatalogFixture f("catalog_purchases_bad");
  kernel::Event bad{"e2", "order.paid", 1, R"({"order_id":"o","customer_id":"c"})", "2026-11-20T09:00:00Z", "order"};
  CHECK_THROWS(f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { record_paid_orders({bad}, tx); }));
  CHECK(f.count("SELECT count(*) FROM catalog.purchases") == 0);
}

TEST_CASE("a batch of paid orders records each buyer's products once, at their first purchase") {
  CatalogFixture f("catalog_purchases_batch");
  auto mug = f.product("Mug", 100);
  auto cup = f.product("Cup", 50);
  auto bowl = f.product("Bowl", 70);
  auto later = paid("e2", "usr_buyer", cup.summary.id, bowl.summary.id);
  later.occurred_at = "2026-11-21T09:00:00Z";
  const std::vector<kernel::Event> batch = {later, paid("e1", "usr_buyer", mug.summary.id, cup.summary.id),
                                            paid("e3", "usr_other", mug.summary.id, mug.summary.id)};
  f.db.transact(catalog_module_id(), [&](kernel::Tx& tx) { record_paid_orders(batch, tx); });
  CHECK(f.count("SELECT count(*) FROM catalog.purchases WHERE user_id = 'usr_buyer'") == 3);
  CHECK(f.count("SELECT count(*) FROM catalog.purchases WHERE user_id = 'usr_other'") == 1);
  // The cup was in both of the buyer's orders: its first purchase counts.
  CHECK(f.count("SELECT count(*) FROM catalog.purchases WHERE user_id = 'usr_buyer' AND product_id = '" +
                cup.summary.id + "' AND purchased_at = '2026-11-20T09:00:00Z'") == 1);
}
