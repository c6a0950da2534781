// The cart's request bodies: one of variant_id/product_id, quantity 1..999,
// and nothing else.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "cart/src/request_fields.hpp"

using namespace emporium;
using namespace emporium::cart;

namespace {

kernel::JsonBody body(std::string_view text) { return kernel::JsonBody(boost::json::parse(text).as_object()); }

std::vector<std::string> fields_of(kernel::JsonBody& b) {
  std::vector<std::string> out;
  if (auto problem = b.finish()) {
    for (const auto& e : problem->errors) out.push_back(e.field);
  }
  return out;
}

}  // namespace

TEST_CASE("cart item request takes a variant id or a product id, quantity defaulting to 1") {
  auto b = body(R"({"variant_id": "var_1"})");
  auto item = read_item_request(b);
  CHECK(fields_of(b).empty());
  CHECK(item.variant_or_product_id == "var_1");
  CHECK(item.quantity == 1);

  auto p = body(R"({"product_id": "prod_1", "quantity": 3})");
  item = read_item_request(p);
  CHECK(fields_of(p).empty());
  CHECK(item.variant_or_product_id == "prod_1");
  CHECK(item.quantity == 3);
}

TEST_CASE("cart item request refuses both ids, neither, bad quantities and unknown fields") {
  auto both = body(R"({"variant_id": "v", "product_id": "p"})");
  read_item_request(both);
  CHECK(fields_of(both) == std::vector<std::string>{"product_id"});

  auto neither = body(R"({"quantity": 2})");
  read_item_request(neither);
  CHECK(fields_of(neither) == std::vector<std::string>{"variant_id"});

  auto bad = body(R"({"variant_id": "v", "quantity": 1000, "qty": 1})");
  read_item_request(bad);
  CHECK(fields_of(bad) == std::vector<std::string>{"quantity", "qty"});

  auto zero = body(R"({"quantity": 0})");
  read_quantity(zero);
  CHECK(fields_of(zero) == std::vector<std::string>{"quantity"});

  auto missing = body(R"({})");
  read_quantity(missing);
  CHECK(fields_of(missing) == std::vector<std::string>{"quantity"});
}
