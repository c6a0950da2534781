// Pure reservation rules: splitting a quantity across warehouses and
// normalising an order's lines.
#include <doctest/doctest.h>

#include "inventory/src/allocation.hpp"

using namespace emporium::inventory;

namespace {

std::vector<WarehouseStock> warehouses(std::vector<std::pair<std::int64_t, std::int64_t>> levels) {
  std::vector<WarehouseStock> out;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    out.push_back({"wh_" + std::to_string(i + 1), levels[i].first, levels[i].second});
  }
  return out;
}

}  // namespace

TEST_CASE("allocate takes everything from the first warehouse when it has enough") {
  auto plan = allocate(3, warehouses({{10, 0}, {10, 0}}));
  REQUIRE(plan);
  REQUIRE(plan->size() == 1);
  CHECK(plan->at(0).warehouse_id == "wh_1");
  CHECK(plan->at(0).quantity == 3);
}

TEST_CASE("allocate splits a quantity across warehouses in their order, counting only available units") {
  // wh_1 has 5 on hand with 3 reserved: 2 available; wh_2 has none; wh_3 has 10.
  auto plan = allocate(7, warehouses({{5, 3}, {4, 4}, {10, 0}}));
  REQUIRE(plan);
  REQUIRE(plan->size() == 2);
  CHECK(plan->at(0).warehouse_id == "wh_1");
  CHECK(plan->at(0).quantity == 2);
  CHECK(plan->at(1).warehouse_id == "wh_3");
  CHECK(plan->at(1).quantity == 5);
}

TEST_CASE("allocate uses the last unit exactly and refuses one more") {
  CHECK(allocate(12, warehouses({{2, 0}, {10, 0}})).has_value());
  CHECK_FALSE(allocate(13, warehouses({{2, 0}, {10, 0}})).has_value());
  CHECK_FALSE(allocate(1, {}).has_value());
}

TEST_CASE("normalise_lines merges lines of the same variant and sorts them by variant id") {
  auto lines = normalise_lines({{"var_b", 2}, {"var_a", 1}, {"var_b", 3}});
  REQUIRE(lines);
  REQUIRE(lines->size() == 2);
  CHECK(lines->at(0).variant_id == "var_a");
  CHECK(lines->at(0).quantity == 1);
  CHECK(lines->at(1).variant_id == "var_b");
  CHECK(lines->at(1).quantity == 5);
  CHECK(request_text(lines.value()) == "var_a*1,var_b*5");
}

TEST_CASE("normalise_lines refuses no lines, empty variant ids and quantities out of range") {
  CHECK(normalise_lines({}).error().code == "validation_failed");
  CHECK(normalise_lines({{"", 1}}).error().message == "every line needs a variant_id");
  CHECK(normalise_lines({{"var_a", 0}}).error().message == "quantity of var_a must be between 1 and 1000000");
  CHECK_FALSE(normalise_lines({{"var_a", -1}}));
  CHECK_FALSE(normalise_lines({{"var_a", kMaxLineQuantity + 1}}));
  std::vector<emporium::inventory::ReservationLine> many(kMaxLines + 1, {"var_a", 1});
  CHECK_FALSE(normalise_lines(many));
}
