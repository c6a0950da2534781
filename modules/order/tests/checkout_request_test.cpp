// Reading POST /orders: every bad field in one 422, nothing half-read.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <set>
#include <string>

#include "order/src/checkout_request.hpp"

using namespace emporium;

namespace {

std::set<std::string> error_fields(const std::string& text) {
  kernel::JsonBody body(boost::json::parse(text).as_object());
  auto request = order::read_checkout_request(body);
  auto problem = body.finish();
  std::set<std::string> fields;
  if (problem) {
    for (const auto& error : problem->errors) fields.insert(error.field);
  }
  if (!problem) REQUIRE(request.has_value());
  return fields;
}

}  // namespace

TEST_CASE("checkout request with a good address and the test card reads cleanly") {
  kernel::JsonBody body(boost::json::parse(R"({"cart_id": "cart_1", "shipping_option_id": "us:standard",
      "shipping_address": {"name": "Ann", "line1": "1 Main St", "city": "Springfield", "country": "us"},
      "payment": {"method": "card", "card": {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2034,
                                              "cvc": "123"}}})")
                            .as_object());
  auto request = order::read_checkout_request(body);
  CHECK_FALSE(body.finish().has_value());
  REQUIRE(request.has_value());
  CHECK(request->card.number == "4242424242424242");
  CHECK(request->address->country == "US");
  CHECK(request->address_id.empty());
}

TEST_CASE("checkout request lists the address, card and unknown field errors together") {
  auto fields = error_fields(R"({"cart_id": "cart_1", "shipping_option_id": "x", "coupon": "FREE",
      "shipping_address": {"name": "Ann", "city": "Springfield", "country": "US"},
      "payment": {"method": "card", "card": {"number": "4242424242424241", "exp_month": 12, "exp_year": 2034,
                                              "cvc": "123"}}})");
  CHECK(fields.count("shipping_address.line1") == 1);
  CHECK(fields.count("payment.card.number") == 1);
  CHECK(fields.count("coupon") == 1);
}

TEST_CASE("checkout request needs one of shipping_address and address_id, and a card payment") {
  CHECK(error_fields(R"({"cart_id": "c", "shipping_option_id": "x",
      "payment": {"method": "card", "card": {"number": "4242424242424242", "exp_month": 1, "exp_year": 2034,
                                              "cvc": "123"}}})")
            .count("shipping_address") == 1);
  auto fields = error_fields(R"({"cart_id": "c", "shipping_option_id": "x", "address_id": "adr_1",
      "payment": {"method": "cash", "card": {"number": "4242424242424242", "exp_month": 13, "exp_year": 2034,
                                              "cvc": "123"}}})");
  CHECK(fields.count("payment.method") == 1);
  CHECK(fields.count("payment.card.exp_month") == 1);
}
