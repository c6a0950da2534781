// Reading the inventory's request bodies and the inventory config block.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "inventory/src/inventory_config.hpp"
#include "inventory/src/request_fields.hpp"

using namespace emporium;
using namespace emporium::inventory;

namespace {

kernel::JsonBody body(const char* json) { return kernel::JsonBody(boost::json::parse(json).as_object()); }

std::vector<std::string> bad_fields(kernel::JsonBody& json) {
  std::vector<std::string> fields;
  if (auto problem = json.finish()) {
    for (const auto& error : problem->errors) fields.push_back(error.field);
  }
  return fields;
}

// The inventory block of a config file laid over the defaults.
kernel::Result<InventoryConfig> config_with(const std::string& inventory_block) {
  auto no_environment = [](const std::string&) { return std::optional<std::string>(); };
  auto config = kernel::Config::from_defaults(kernel::Config::defaults(), R"({"inventory": )" + inventory_block + "}",
                                              no_environment, {});
  REQUIRE(config);
  return read_inventory_config(config.value());
}

}  // namespace

TEST_CASE("a stock level change needs on_hand; warehouse and threshold are optional") {
  auto json = body(R"({"on_hand": 12})");
  auto change = read_on_hand_change(json);
  CHECK(bad_fields(json).empty());
  CHECK(change.on_hand == 12);
  CHECK_FALSE(change.warehouse_id);
  CHECK_FALSE(change.sets_threshold);

  json = body(R"({"on_hand": 1, "warehouse_id": "wh_1", "low_stock_threshold": 3})");
  change = read_on_hand_change(json);
  CHECK(bad_fields(json).empty());
  CHECK(change.warehouse_id.value() == "wh_1");
  CHECK(change.sets_threshold);
  CHECK(change.threshold.value() == 3);
}

TEST_CASE("a null low_stock_threshold gives the product the default threshold back") {
  auto json = body(R"({"on_hand": 1, "low_stock_threshold": null})");
  auto change = read_on_hand_change(json);
  CHECK(bad_fields(json).empty());
  CHECK(change.sets_threshold);
  CHECK_FALSE(change.threshold);
}

TEST_CASE("bad stock level bodies name every bad field") {
  auto json = body(R"({"on_hand": -1, "warehouse_id": 7, "low_stock_threshold": "x", "onhand": 1})");
  (void)read_on_hand_change(json);
  CHECK(bad_fields(json) == std::vector<std::string>{"warehouse_id", "on_hand", "low_stock_threshold", "onhand"});
  json = body(R"({})");
  (void)read_on_hand_change(json);
  CHECK(bad_fields(json) == std::vector<std::string>{"on_hand"});
}

TEST_CASE("a stock adjustment needs an integer delta, negative allowed") {
  auto json = body(R"({"delta": -4, "variant_id": "var_1"})");
  auto adjustment = read_adjustment(json);
  CHECK(bad_fields(json).empty());
  CHECK(adjustment.delta == -4);
  CHECK(adjustment.variant_id.value() == "var_1");
  json = body(R"({"delta": 1.5})");
  (void)read_adjustment(json);
  CHECK(bad_fields(json) == std::vector<std::string>{"delta"});
}

TEST_CASE("a new warehouse needs a name and a valid code, kept in upper case") {
  auto json = body(R"({"name": "North", "code": "north-1"})");
  auto warehouse = read_new_warehouse(json);
  CHECK(bad_fields(json).empty());
  CHECK(warehouse.code == "NORTH-1");
  json = body(R"({"name": "", "code": "no spaces"})");
  (void)read_new_warehouse(json);
  CHECK(bad_fields(json) == std::vector<std::string>{"name", "code"});
}

TEST_CASE("inventory config defaults: 15 minute reservations, threshold 5") {
  auto config = config_with("{}");
  REQUIRE(config);
  CHECK(config->reservation_ttl == std::chrono::seconds(900));
  CHECK(config->low_stock_threshold == 5);
  CHECK(config->expiry_interval == std::chrono::milliseconds(10000));
}

TEST_CASE("inventory config takes its keys and refuses values out of range, naming the key") {
  auto config = config_with(R"({"reservation_ttl_seconds": 2})");
  REQUIRE(config);
  CHECK(config->reservation_ttl == std::chrono::seconds(2));
  config = config_with(R"({"low_stock_threshold": -1})");
  REQUIRE_FALSE(config);
  CHECK(config.error().message == "config: inventory.low_stock_threshold must be between 0 and 1000000, got -1");
}
