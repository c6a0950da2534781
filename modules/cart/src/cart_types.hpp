#pragma once
// The cart's rows as this module stores them. Plain values: no SOCI, no JSON.
#include <cstdint>
#include <string>
#include <vector>

namespace emporium::cart {

struct CartRow {
  std::string id;
  std::string owner_user_id;  // empty: a guest cart
  std::string status;         // active | checked_out | merged
  std::string order_id;       // set once checked out
  std::string currency = "USD";
  std::string created_at;  // RFC 3339 UTC
  std::string updated_at;
  std::string expires_at;  // guests only; empty for a customer's cart
};

struct ItemRow {
  std::string id;
  std::string variant_id;
  std::string product_id;
  std::int64_t quantity = 0;
  // The unit price the customer saw when they last set the quantity.
  std::int64_t seen_unit_price_minor = 0;
};

struct StoredCart {
  CartRow cart;
  std::vector<ItemRow> items;  // in the order they were added
};

}  // namespace emporium::cart
