// When a low-stock event is due: only on a crossing from above the threshold
// to at or below it.
#include <doctest/doctest.h>

#include "inventory/src/low_stock.hpp"

using namespace emporium::inventory;

TEST_CASE("a product's own threshold wins over the configured default") {
  CHECK(effective_threshold(std::nullopt, 5) == 5);
  CHECK(effective_threshold(2, 5) == 2);
  CHECK(effective_threshold(0, 5) == 0);
}

TEST_CASE("falling from above the threshold to it or below is a crossing") {
  CHECK(crossed_into_low(6, 5, 5, 5));
  CHECK(crossed_into_low(100, 5, 0, 5));
}

TEST_CASE("changes that stay above, stay low, or rise are not crossings") {
  CHECK_FALSE(crossed_into_low(10, 5, 6, 5));  // still above
  CHECK_FALSE(crossed_into_low(5, 5, 4, 5));   // was low already
  CHECK_FALSE(crossed_into_low(3, 5, 8, 5));   // recovered
  CHECK_FALSE(crossed_into_low(0, 5, 0, 5));
}

TEST_CASE("raising the threshold over the available stock is a crossing too") {
  CHECK(crossed_into_low(8, 5, 8, 10));
  CHECK_FALSE(crossed_into_low(8, 10, 8, 5));
}
