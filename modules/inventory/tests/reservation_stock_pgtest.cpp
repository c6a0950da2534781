// What reservations do to each warehouse row and variant total, against a
// real PostgreSQL: the ledger writes all of a unit's rows in one statement,
// so these check that every row gets exactly its own change, and none when
// the unit is refused.
#include <doctest/doctest.h>

#include <stdexcept>

#include "inventory/src/stock_ledger.hpp"
#include "inventory_fixture.hpp"

using namespace emporium;
using namespace emporium::inventory;
using namespace emporium::inventory::testing;

namespace {

// Every stock row and variant total as one text, "variant@warehouse on_hand/reserved" in order.
std::string all_stock(InventoryFixture& f) {
  return f.db.transact(inventory_module_id(), [](kernel::Tx& tx) {
    std::string rows, totals;
    tx.sql() << "SELECT COALESCE(string_agg(s.variant_id || '@' || w.code || ' ' || s.on_hand || '/' || s.reserved, "
                "', ' ORDER BY s.variant_id, w.position), '') "
                "FROM inventory.stock s JOIN inventory.warehouses w ON w.id = s.warehouse_id",
        soci::into(rows);
    tx.sql() << "SELECT COALESCE(string_agg(variant_id || ' ' || on_hand || '/' || reserved || ' v' || version, "
                "', ' ORDER BY variant_id), '') FROM inventory.variants",
        soci::into(totals);
    return rows + " | " + totals;
  });
}

// Two variants of one product spread over MAIN and EAST, and one more
// variant that no order here touches.
struct TwoWarehouses {
  TwoWarehouses() : f("inventory_two_warehouses") {
    f.catalog.add_product("prod_a", "usr_seller", 2);
    f.catalog.add_product("prod_z", "usr_seller");
    east = f.add_warehouse("East", "EAST");
    f.put("prod_a_v1", 3);
    f.put("prod_a_v1", 4, east);
    f.put("prod_a_v2", 1);
    f.put("prod_a_v2", 5, east);
    f.put("prod_z_v1", 9);
  }

  InventoryFixture f;
  std::string east;
};

}  // namespace

TEST_CASE("a reservation over two warehouses moves exactly its units, and its commit moves them once more") {
  TwoWarehouses s;
  auto& f = s.f;
  CHECK(all_stock(f) == "prod_a_v1@MAIN 3/0, prod_a_v1@EAST 4/0, prod_a_v2@MAIN 1/0, prod_a_v2@EAST 5/0, "
                        "prod_z_v1@MAIN 9/0 | prod_a_v1 7/0 v2, prod_a_v2 6/0 v2, prod_z_v1 9/0 v1");
  long long changed_before = f.events("inventory.stock_changed");

  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v2", 3}, {"prod_a_v1", 5}}));
  CHECK(all_stock(f) == "prod_a_v1@MAIN 3/3, prod_a_v1@EAST 4/2, prod_a_v2@MAIN 1/1, prod_a_v2@EAST 5/2, "
                        "prod_z_v1@MAIN 9/0 | prod_a_v1 7/5 v3, prod_a_v2 6/3 v3, prod_z_v1 9/0 v1");
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservation_lines WHERE order_id = 'ord_1'") == 4);
  CHECK(f.scalar("SELECT quantity FROM inventory.reservation_lines l JOIN inventory.warehouses w "
                 "ON w.id = l.warehouse_id WHERE variant_id = 'prod_a_v1' AND w.code = 'EAST'") == 2);
  CHECK(f.events("inventory.stock_changed") == changed_before + 2);

  REQUIRE(f.service.commit("ord_1"));
  CHECK(all_stock(f) == "prod_a_v1@MAIN 0/0, prod_a_v1@EAST 2/0, prod_a_v2@MAIN 0/0, prod_a_v2@EAST 3/0, "
                        "prod_z_v1@MAIN 9/0 | prod_a_v1 2/0 v4, prod_a_v2 3/0 v4, prod_z_v1 9/0 v1");
  CHECK(f.events("inventory.stock_changed") == changed_before + 4);
}

TEST_CASE("a reserve refused at its second line leaves every stock row and total as it was, and keeps the refusal") {
  TwoWarehouses s;
  auto& f = s.f;
  const std::string before = all_stock(f);
  long long changed_before = f.events("inventory.stock_changed");

  // The first line could be taken from both warehouses; the second cannot be met.
  auto outcome = f.service.reserve("ord_1", {{"prod_a_v1", 6}, {"prod_a_v2", 7}});
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().message == "Not enough stock of prod_a_v2: 7 requested, 6 available.");
  CHECK(all_stock(f) == before);
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservation_lines") == 0);
  CHECK(f.events("inventory.stock_changed") == changed_before);
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservations WHERE status = 'rejected'") == 1);

  auto again = f.service.reserve("ord_1", {{"prod_a_v1", 6}, {"prod_a_v2", 7}});
  REQUIRE_FALSE(again);
  CHECK(again.error().message == outcome.error().message);
  CHECK(all_stock(f) == before);
}

TEST_CASE("release after a reserve over two warehouses restores every row and total") {
  TwoWarehouses s;
  auto& f = s.f;
  const std::string before = all_stock(f);

  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 7}, {"prod_a_v2", 2}}));
  CHECK(all_stock(f) != before);
  REQUIRE(f.service.release("ord_1"));
  // Only the versions moved on: one for the reserve, one for the release.
  CHECK(all_stock(f) == "prod_a_v1@MAIN 3/0, prod_a_v1@EAST 4/0, prod_a_v2@MAIN 1/0, prod_a_v2@EAST 5/0, "
                        "prod_z_v1@MAIN 9/0 | prod_a_v1 7/0 v4, prod_a_v2 6/0 v4, prod_z_v1 9/0 v1");
}

TEST_CASE("a warehouse row that refuses its recorded change fails the ledger's unit and writes nothing") {
  TwoWarehouses s;
  auto& f = s.f;
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 3}}));  // all of MAIN's
  const std::string before = all_stock(f);
  const std::string main_warehouse = f.warehouse("MAIN");

  // The variant's totals allow 3 more reserved, but not in MAIN: a caller that
  // did not check the rows it read is a bug. finish() only queues the write,
  // so the unit fails at its COMMIT (the row's CHECK constraint), and
  // nothing of it stays.
  CHECK_THROWS_WITH(f.db.transact(inventory_module_id(),
                                  [&](kernel::Tx& tx) {
                                    StockLedger ledger(tx, f.config.low_stock_threshold, {"prod_a_v1", "prod_a_v2"});
                                    CHECK(ledger.change("prod_a_v2", s.east, 0, 1));
                                    CHECK(ledger.change("prod_a_v1", main_warehouse, 0, 3));
                                    ledger.finish();
                                  }),
                    doctest::Contains("stock_reserved_within_on_hand"));
  CHECK(all_stock(f) == before);

  // What the totals refuse is refused at once, and not recorded.
  f.db.transact(inventory_module_id(), [&](kernel::Tx& tx) {
    StockLedger ledger(tx, f.config.low_stock_threshold, {"prod_a_v1"});
    CHECK_FALSE(ledger.change("prod_a_v1", s.east, 0, 5));
    CHECK(ledger.change("prod_a_v1", s.east, -2, 0));
    CHECK_FALSE(ledger.change("prod_a_v1", s.east, 0, 3));
    ledger.finish();
  });
  CHECK(f.level("prod_a_v1").on_hand == 5);
  CHECK(f.level("prod_a_v1").warehouses.at(1).on_hand == 2);
}
