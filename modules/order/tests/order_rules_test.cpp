// The order's pure rules: the state machine table, taxes and totals.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "order/src/pricing.hpp"
#include "order/src/state_machine.hpp"

using namespace emporium::order;
using enum OrderStatus;

TEST_CASE("order state machine allows exactly the contract's transitions") {
  const std::vector<std::pair<OrderStatus, OrderStatus>> allowed{
      {pending_payment, paid},    {pending_payment, cancelled},     {paid, shipped},
      {paid, cancelled},          {paid, refunded},                 {paid, partially_refunded},
      {partially_refunded, shipped}, {partially_refunded, refunded}, {partially_refunded, cancelled},
      {shipped, delivered},       {shipped, refunded},              {shipped, partially_refunded},
      {delivered, refunded},      {delivered, partially_refunded}};
  const std::vector<OrderStatus> all{pending_payment, paid, shipped, delivered, cancelled, refunded, partially_refunded};
  int count = 0;
  for (auto from : all) {
    for (auto to : all) {
      bool expected = std::find(allowed.begin(), allowed.end(), std::make_pair(from, to)) != allowed.end();
      CAPTURE(status_name(from));
      CAPTURE(status_name(to));
      CHECK(can_transition(from, to) == expected);
      if (can_transition(from, to)) ++count;
    }
  }
  CHECK(count == 14);
}

TEST_CASE("order state machine forbids leaving cancelled and refunded, and skipping payment") {
  CHECK_FALSE(can_transition(cancelled, paid));
  CHECK_FALSE(can_transition(refunded, shipped));
  CHECK_FALSE(can_transition(pending_payment, shipped));
  CHECK_FALSE(can_transition(shipped, cancelled));
  CHECK_FALSE(can_transition(delivered, cancelled));
  CHECK(next_statuses(cancelled).empty());
  CHECK(next_statuses(refunded).empty());
}

TEST_CASE("order status names round-trip and unknown names are refused") {
  for (auto status : {pending_payment, paid, shipped, delivered, cancelled, refunded, partially_refunded}) {
    CHECK(parse_status(status_name(status)) == status);
  }
  CHECK_FALSE(parse_status("PAID").has_value());
  CHECK_FALSE(parse_status("").has_value());
}

TEST_CASE("order can be cancelled by its owner only before shipment") {
  CHECK(is_before_shipment(pending_payment));
  CHECK(is_before_shipment(paid));
  CHECK(is_before_shipment(partially_refunded));
  CHECK_FALSE(is_before_shipment(shipped));
  CHECK_FALSE(is_before_shipment(delivered));
}

TEST_CASE("order tax rounds half up to a whole minor unit once per order") {
  CHECK(tax_for(1001, 1900) == 190);   // 190.19
  CHECK(tax_for(1050, 1000) == 105);   // 105.0
  CHECK(tax_for(5, 1000) == 1);        // 0.5 -> 1
  CHECK(tax_for(4, 1000) == 0);        // 0.4 -> 0
  CHECK(tax_for(2632, 1900) == 500);   // 500.08
  CHECK(tax_for(2650, 1900) == 504);   // 503.5 -> 504
  CHECK(tax_for(0, 1900) == 0);
  CHECK(tax_for(1000, 0) == 0);
  CHECK(tax_for(99'999'999'999, 10000) == 99'999'999'999);
}

TEST_CASE("order totals tax subtotal plus shipping at the destination's rate, 0 elsewhere") {
  TaxRates rates{{"DE", 1900}, {"FR", 2000}};
  auto de = order_totals(2000, 499, "DE", rates);
  CHECK(de.subtotal_minor == 2000);
  CHECK(de.shipping_minor == 499);
  CHECK(de.tax_minor == 475);  // 2499 * 0.19 = 474.81
  CHECK(de.total_minor == 2974);
  auto us = order_totals(2000, 499, "US", rates);
  CHECK(us.tax_minor == 0);
  CHECK(us.total_minor == 2499);
  auto none = order_totals(2000, 0, "DE", {});
  CHECK(none.total_minor == 2000);
}
