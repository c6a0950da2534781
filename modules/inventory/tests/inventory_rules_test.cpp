// Small pure rules of the inventory: warehouse codes, ownership, demo levels
// and event payloads.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "inventory/src/demo_stock.hpp"
#include "inventory/src/ownership.hpp"
#include "inventory/src/stock_events.hpp"
#include "inventory/src/warehouse_rules.hpp"

using namespace emporium;
using namespace emporium::inventory;

TEST_CASE("warehouse codes are kept in upper case and must be letters, digits, '_' or '-'") {
  CHECK(normalise_warehouse_code("east-2").value() == "EAST-2");
  CHECK(normalise_warehouse_code("MAIN_1").value() == "MAIN_1");
  CHECK_FALSE(normalise_warehouse_code(""));
  CHECK_FALSE(normalise_warehouse_code("-east"));
  CHECK_FALSE(normalise_warehouse_code("east 2"));
  CHECK_FALSE(normalise_warehouse_code(std::string(33, 'A')));
  CHECK(normalise_warehouse_code(std::string(32, 'A')));
}

TEST_CASE("only an admin or the product's seller may manage its stock") {
  VariantOwner owner{"var_1", "prod_1", "usr_seller"};
  CHECK(may_manage_stock({"usr_admin", kernel::Role::admin}, owner));
  CHECK(may_manage_stock({"usr_seller", kernel::Role::seller}, owner));
  CHECK_FALSE(may_manage_stock({"usr_other", kernel::Role::seller}, owner));
  CHECK_FALSE(may_manage_stock({"usr_seller", kernel::Role::customer}, owner));
}

TEST_CASE("demo levels are the same on every run and about one variant in eight is low") {
  CHECK(demo_levels("var_42").first == demo_levels("var_42").first);
  CHECK(demo_levels("var_42").second == demo_levels("var_42").second);
  int low = 0;
  for (int i = 0; i < 8000; ++i) {
    auto levels = demo_levels("var_" + std::to_string(i));
    CHECK(levels.first >= 0);
    CHECK(levels.second >= 0);
    if (levels.first + levels.second < 5) ++low;
  }
  CHECK(low > 700);
  CHECK(low < 1300);
}

TEST_CASE("stock_changed, stock_loaded and low_stock payloads carry the agreed fields") {
  VariantOwner owner{"var_1", "prod_1", "usr_1"};
  auto changed = boost::json::parse(stock_changed_payload(owner, 10, 3, 7)).as_object();
  CHECK(changed.at("variant_id").as_string() == "var_1");
  CHECK(changed.at("product_id").as_string() == "prod_1");
  CHECK(changed.at("on_hand").as_int64() == 10);
  CHECK(changed.at("reserved").as_int64() == 3);
  CHECK(changed.at("available").as_int64() == 7);
  CHECK(changed.at("version").as_int64() == 7);
  auto low = boost::json::parse(low_stock_payload(owner, 2, 5)).as_object();
  CHECK(low.at("seller_id").as_string() == "usr_1");
  CHECK(low.at("available").as_int64() == 2);
  CHECK(low.at("threshold").as_int64() == 5);
  CHECK(low.size() == 5);
  auto loaded = boost::json::parse(stock_loaded_payload({{owner, 4, 1, 1}, {{"var_2", "prod_2", "usr_1"}, 0, 0, 1}}));
  const auto& levels = loaded.as_object().at("levels").as_array();
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].as_object() == boost::json::parse(stock_changed_payload(owner, 4, 1, 1)).as_object());
  CHECK(levels[1].at("variant_id").as_string() == "var_2");
  CHECK(levels[1].at("available").as_int64() == 0);
}
