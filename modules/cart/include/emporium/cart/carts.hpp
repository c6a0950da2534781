#pragma once
// The cart's callable surface for other modules (the shipping quote and the
// checkout saga), provided at start: `context.services.get<cart::Carts>()`.
// A cart is priced from the catalog at read time, never from what the client
// sent or what was stored when the item was added.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "emporium/kernel/result.hpp"

namespace emporium::cart {

struct CheckoutLine {
  std::string item_id;
  std::string variant_id;
  std::string product_id;
  std::string seller_id;
  std::string product_name;
  std::string sku;
  std::map<std::string, std::string> options;  // {"Size": "M"}; empty for a default variant
  std::string image_url;
  std::int64_t unit_price_minor = 0;  // the catalog's price now
  std::int64_t quantity = 0;
  std::int64_t line_total_minor = 0;  // unit_price_minor * quantity
  int weight_grams = 0;               // of one unit
};

struct CheckoutCart {
  std::string cart_id;
  std::string owner_user_id;  // empty for a guest cart
  std::string currency = "USD";
  std::vector<CheckoutLine> lines;
  std::int64_t subtotal_minor = 0;
  std::int64_t weight_grams = 0;  // all units of all lines
};

class Carts {
 public:
  virtual ~Carts() = default;
  // The cart as it would be bought now, for `user_id` (empty: a guest, who
  // may use only guest carts; a customer may use their own cart or a guest
  // cart, whose id is the capability). Errors: `not_found` (unknown,
  // expired, already checked out, or someone else's), `cart_empty`,
  // `product_unavailable` (an item's product was archived or deleted; the
  // message names it).
  virtual kernel::Result<CheckoutCart> checkout_view(const std::string& cart_id, const std::string& user_id) = 0;
  // After the order is paid: the cart is emptied and remembers `order_id`.
  // Idempotent: repeating it for the same order changes nothing more.
  virtual kernel::Status complete_checkout(const std::string& cart_id, const std::string& order_id) = 0;
};

}  // namespace emporium::cart
