// Reading the inventory's stock events by field name.
#include <doctest/doctest.h>

#include <stdexcept>

#include "catalog/src/stock_payload.hpp"

using namespace emporium::catalog;

TEST_CASE("a stock_changed payload gives the variant, its available figure and its version") {
  auto level = stock_level_from_json(
      R"({"variant_id": "var_1", "product_id": "prod_1", "on_hand": 9, "reserved": 2, "available": 7, "version": 4})");
  CHECK(level.variant_id == "var_1");
  CHECK(level.available == 7);
  CHECK(level.version == 4);
}

TEST_CASE("a stock_loaded payload gives every level") {
  auto levels = stock_levels_from_json(R"({"levels": [{"variant_id": "var_1", "available": 3, "version": 1},
                                                       {"variant_id": "var_2", "available": 0, "version": 1}]})");
  REQUIRE(levels.size() == 2);
  CHECK(levels[1].variant_id == "var_2");
  CHECK(levels[1].available == 0);
}

TEST_CASE("malformed stock payloads are refused, so the delivery is retried and then parked") {
  CHECK_THROWS_AS(stock_level_from_json("not json"), std::invalid_argument);
  CHECK_THROWS_AS(stock_level_from_json("[]"), std::invalid_argument);
  CHECK_THROWS_AS(stock_level_from_json(R"({"variant_id": "var_1", "available": 7})"), std::invalid_argument);
  CHECK_THROWS_AS(stock_level_from_json(R"({"variant_id": 1, "available": 7, "version": 1})"), std::invalid_argument);
  CHECK_THROWS_AS(stock_levels_from_json(R"({"levels": {}})"), std::invalid_argument);
  CHECK_THROWS_AS(stock_levels_from_json(R"({"levels": [{"variant_id": "v"}]})"), std::invalid_argument);
}
