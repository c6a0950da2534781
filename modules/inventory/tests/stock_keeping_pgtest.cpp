// Stock levels, adjustments, warehouses, events and demo stock against a
// real PostgreSQL, with a fake catalog.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "inventory/src/demo_seed.hpp"
#include "inventory/src/warehouses.hpp"
#include "inventory_fixture.hpp"

using namespace emporium;
using namespace emporium::inventory;
using namespace emporium::inventory::testing;

namespace {

boost::json::object last_event(InventoryFixture& f, const std::string& name) {
  return f.db.transact(inventory_module_id(), [&](kernel::Tx& tx) {
    std::string payload;
    tx.sql() << "SELECT CAST(payload AS text) FROM inventory.outbox WHERE name = :name "
                "ORDER BY (payload->>'version')::bigint DESC NULLS LAST, occurred_at DESC LIMIT 1",
        soci::use(name, "name"), soci::into(payload);
    return boost::json::parse(payload).as_object();
  });
}

kernel::Result<StockLevel> adjust(InventoryFixture& f, const kernel::Principal& caller, const std::string& product,
                                  std::int64_t delta, std::optional<std::string> variant = {}) {
  return f.stock.adjust(caller, product, {delta, std::nullopt, std::move(variant)});
}

}  // namespace

TEST_CASE("the first stock write copies the variant's product and seller from the catalog") {
  InventoryFixture f("inventory_first_write");
  f.catalog.add_product("prod_a", "usr_seller");
  auto level = f.stock.set_on_hand(kSeller, "prod_a_v1", {std::nullopt, 7, false, std::nullopt});
  REQUIRE(level);
  CHECK(level->owner.product_id == "prod_a");
  CHECK(level->owner.seller_id == "usr_seller");
  CHECK(level->on_hand == 7);
  CHECK(level->threshold == 5);
  REQUIRE(level->warehouses.size() == 1);
  CHECK(level->warehouses[0].warehouse_id == f.warehouse("MAIN"));
  CHECK(f.scalar("SELECT count(*) FROM inventory.variants WHERE product_id = 'prod_a' AND seller_id = 'usr_seller'") == 1);
  auto event = last_event(f, "inventory.stock_changed");
  CHECK(event.at("variant_id").as_string() == "prod_a_v1");
  CHECK(event.at("available").as_int64() == 7);
  CHECK(event.at("version").as_int64() == 1);
}

TEST_CASE("a product id stands for its sole variant; several variants need a variant id") {
  InventoryFixture f("inventory_sole_variant");
  f.catalog.add_product("prod_one", "usr_seller");
  f.catalog.add_product("prod_two", "usr_seller", 2);
  REQUIRE(f.stock.set_on_hand(kAdmin, "prod_one", {std::nullopt, 3, false, std::nullopt}));
  CHECK(f.level("prod_one").owner.variant_id == "prod_one_v1");
  CHECK(f.level("prod_one_v1").on_hand == 3);
  CHECK(f.stock.level("prod_two").error().code == "variant_required");
  CHECK(f.stock.level("prod_none").error().code == "not_found");
  // Known to the catalog, never stocked: zero everywhere.
  auto empty = f.level("prod_two_v2");
  CHECK(empty.on_hand == 0);
  CHECK(empty.warehouses.empty());

  REQUIRE(adjust(f, kSeller, "prod_one", 4));
  CHECK(f.level("prod_one_v1").on_hand == 7);
  CHECK(adjust(f, kSeller, "prod_two", 1).error().code == "variant_required");
  REQUIRE(adjust(f, kSeller, "prod_two", 2, "prod_two_v2"));
  CHECK(f.level("prod_two_v2").on_hand == 2);
  CHECK(adjust(f, kSeller, "prod_two", 2, "prod_one_v1").error().code == "variant_mismatch");
  CHECK(adjust(f, kSeller, "prod_none", 1).error().code == "not_found");
}

TEST_CASE("only the product's seller or an admin changes its stock, also after the first write") {
  InventoryFixture f("inventory_ownership");
  f.catalog.add_product("prod_a", "usr_seller");
  CHECK(f.stock.set_on_hand(kOtherSeller, "prod_a_v1", {std::nullopt, 3, false, std::nullopt}).error().code ==
        "forbidden");
  CHECK(f.scalar("SELECT count(*) FROM inventory.variants") == 0);
  REQUIRE(f.stock.set_on_hand(kSeller, "prod_a_v1", {std::nullopt, 3, false, std::nullopt}));
  CHECK(adjust(f, kOtherSeller, "prod_a", 1).error().code == "forbidden");
  REQUIRE(adjust(f, kAdmin, "prod_a", 1));
  CHECK(f.level("prod_a_v1").on_hand == 4);
}

TEST_CASE("stock cannot go below what is reserved, nor below zero, nor into an unknown warehouse") {
  InventoryFixture f("inventory_bounds");
  f.catalog.add_product("prod_a", "usr_seller");
  f.put("prod_a_v1", 5);
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 3}}));
  auto low = f.stock.set_on_hand(kAdmin, "prod_a_v1", {std::nullopt, 2, false, std::nullopt});
  REQUIRE_FALSE(low);
  CHECK(low.error().code == "below_reserved");
  CHECK(low.error().message == "on_hand in " + f.warehouse("MAIN") + " would be 2, below the 3 units reserved there.");
  CHECK(adjust(f, kAdmin, "prod_a", -3).error().code == "below_reserved");
  CHECK(adjust(f, kAdmin, "prod_a", -6).error().code == "negative_stock");
  REQUIRE(adjust(f, kAdmin, "prod_a", -2));
  CHECK(f.level("prod_a_v1").available() == 0);
  CHECK(f.stock.set_on_hand(kAdmin, "prod_a_v1", {"wh_nowhere", 1, false, std::nullopt}).error().code ==
        "unknown_warehouse");
  CHECK(f.level("prod_a_v1").on_hand == 3);
}

TEST_CASE("every stock change publishes stock_changed with a growing version; no change, no event") {
  InventoryFixture f("inventory_stock_changed");
  f.catalog.add_product("prod_a", "usr_seller");
  f.put("prod_a_v1", 10);
  f.put("prod_a_v1", 10);
  CHECK(f.events("inventory.stock_changed") == 1);
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 4}}));
  auto event = last_event(f, "inventory.stock_changed");
  CHECK(event.at("reserved").as_int64() == 4);
  CHECK(event.at("available").as_int64() == 6);
  CHECK(event.at("version").as_int64() == 2);
  REQUIRE(f.service.commit("ord_1"));
  event = last_event(f, "inventory.stock_changed");
  CHECK(event.at("on_hand").as_int64() == 6);
  CHECK(event.at("reserved").as_int64() == 0);
  CHECK(event.at("version").as_int64() == 3);
  CHECK(f.events("inventory.stock_changed") == 3);
}

TEST_CASE("low_stock is published when available falls to the threshold, not on every change while low") {
  InventoryFixture f("inventory_low_stock");
  f.catalog.add_product("prod_a", "usr_seller");
  f.put("prod_a_v1", 10);
  f.put("prod_a_v1", 6);
  CHECK(f.events("inventory.low_stock") == 0);
  f.put("prod_a_v1", 5);  // crosses: 6 > 5 >= 5
  CHECK(f.events("inventory.low_stock") == 1);
  auto event = last_event(f, "inventory.low_stock");
  CHECK(event.at("variant_id").as_string() == "prod_a_v1");
  CHECK(event.at("seller_id").as_string() == "usr_seller");
  CHECK(event.at("available").as_int64() == 5);
  CHECK(event.at("threshold").as_int64() == 5);
  f.put("prod_a_v1", 3);
  CHECK(f.events("inventory.low_stock") == 1);
  f.put("prod_a_v1", 12);
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 8}}));  // a reservation crosses too
  CHECK(f.events("inventory.low_stock") == 2);

  auto alerts = f.stock.alerts({1, 20});
  CHECK(alerts.total == 1);
  REQUIRE(alerts.items.size() == 1);
  CHECK(alerts.items[0].available() == 4);
  REQUIRE(f.service.release("ord_1"));
  CHECK(f.stock.alerts({1, 20}).total == 0);
}

TEST_CASE("a product's own threshold applies to all its variants and a crossing by it is announced") {
  InventoryFixture f("inventory_threshold");
  f.catalog.add_product("prod_a", "usr_seller", 2);
  f.put("prod_a_v1", 8);
  f.put("prod_a_v2", 20);
  auto level = f.stock.set_on_hand(kSeller, "prod_a_v2", {std::nullopt, 20, true, 10});
  REQUIRE(level);
  CHECK(level->threshold == 10);
  CHECK(f.level("prod_a_v1").threshold == 10);
  CHECK(f.events("inventory.low_stock") == 1);  // prod_a_v1: 8 was above 5, is at or below 10
  CHECK(last_event(f, "inventory.low_stock").at("variant_id").as_string() == "prod_a_v1");
  CHECK(f.stock.alerts({1, 20}).total == 1);

  REQUIRE(f.stock.set_on_hand(kSeller, "prod_a_v2", {std::nullopt, 20, true, std::nullopt}));
  CHECK(f.level("prod_a_v1").threshold == 5);
  CHECK(f.stock.alerts({1, 20}).total == 0);
}

TEST_CASE("warehouses are listed in allocation order and their codes are unique") {
  InventoryFixture f("inventory_warehouses");
  Warehouses warehouses(f.db);
  auto created = warehouses.create("North", "NORTH");
  REQUIRE(created);
  CHECK(created->id.rfind("wh_", 0) == 0);
  CHECK(created->id.size() == 23);
  CHECK(warehouses.create("Another north", "NORTH").error().code == "warehouse_code_taken");
  auto listed = warehouses.list({1, 20});
  CHECK(listed.total == 2);
  REQUIRE(listed.items.size() == 2);
  CHECK(listed.items[0].code == "MAIN");
  CHECK(listed.items[1].code == "NORTH");
  CHECK(listed.items[1].created_at.size() == 20);
}

TEST_CASE("demo stock fills two warehouses for every catalog variant once, in batches") {
  InventoryFixture f("inventory_seed");
  for (int i = 0; i < 1250; ++i) f.catalog.add_product("prod_" + std::to_string(10000 + i), "usr_seller", i % 5 == 0 ? 2 : 1);
  CHECK(seed_demo_stock(f.db, f.catalog) == 1500);
  CHECK(f.catalog.list_calls == 3);
  CHECK(f.scalar("SELECT count(*) FROM inventory.warehouses") == 2);
  CHECK(f.scalar("SELECT count(*) FROM inventory.variants") == 1500);
  CHECK(f.scalar("SELECT count(*) FROM inventory.stock") == 3000);
  CHECK(f.scalar("SELECT count(*) FROM inventory.variants v WHERE on_hand <> "
                 "(SELECT sum(on_hand) FROM inventory.stock s WHERE s.variant_id = v.variant_id)") == 0);
  CHECK(f.events("inventory.stock_changed") == 0);
  CHECK(f.events("inventory.stock_loaded") == 2);
  CHECK(f.scalar("SELECT sum(jsonb_array_length(payload->'levels')) FROM inventory.outbox "
                 "WHERE name = 'inventory.stock_loaded'") == 1500);
  CHECK(f.scalar("SELECT count(*) FROM inventory.outbox o, jsonb_array_elements(o.payload->'levels') l "
                 "JOIN inventory.variants v ON v.variant_id = l->>'variant_id' "
                 "WHERE (l->>'available')::bigint = v.available AND (l->>'version')::bigint = v.version") == 1500);
  CHECK(f.stock.alerts({1, 20}).total > 100);
  CHECK(seed_demo_stock(f.db, f.catalog) == 0);
  CHECK(f.scalar("SELECT count(*) FROM inventory.variants") == 1500);
}
