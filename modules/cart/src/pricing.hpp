#pragma once
// The cart's rules, without I/O: quantities, currencies, who may use a cart,
// and pricing a stored cart from the catalog's variants of now.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cart_types.hpp"
#include "emporium/cart/carts.hpp"
#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::cart {

inline constexpr std::int64_t kMinQuantity = 1;
inline constexpr std::int64_t kMaxQuantity = 999;

struct PricedItem {
  ItemRow item;
  std::string name;
  std::string sku;
  std::string image_url;
  std::map<std::string, std::string> options;
  std::string currency;
  std::int64_t unit_price_minor = 0;  // the catalog's price now (the seen price when unknown)
  std::int64_t line_total_minor = 0;  // 0 when unavailable
  std::int64_t available = 0;         // units in stock; 0 when unavailable
  bool unavailable = false;           // the product was archived or deleted
  bool price_changed = false;         // the catalog's price differs from the seen one
};

struct PricedCart {
  CartRow cart;
  std::vector<PricedItem> items;
  std::int64_t subtotal_minor = 0;  // of the available items
  std::int64_t item_count = 0;      // units of all items
  bool price_changed = false;       // any item's price changed
};

using Variants = std::map<std::string, catalog::VariantRef>;  // by variant id
using Availability = std::map<std::string, std::int64_t>;      // by variant id

// `variants` holds what the catalog knows; a missing or inactive variant
// makes its item unavailable. `available` misses read as 0.
PricedCart price_cart(const StoredCart& stored, const Variants& variants, const Availability& available);

// The quantity a line would have; `validation_failed` outside 1..999,
// `insufficient_stock` (naming the available amount) beyond the stock.
kernel::Status check_quantity(std::int64_t quantity, std::int64_t available);

// Merging a guest line into a customer's line of the same variant: the sum,
// capped at the stock and the quantity limit, never below what was already
// there. 0 means the line is not created.
std::int64_t merged_quantity(std::int64_t existing, std::int64_t incoming, std::int64_t available);

// One currency per cart: an empty cart takes the item's; otherwise
// `currency_mismatch`.
kernel::Status check_currency(const StoredCart& cart, const std::string& currency);

// A guest cart is anyone's who holds its id; a customer's cart only its
// owner's. `user_id` is empty for a guest.
bool may_use(const CartRow& cart, const std::string& user_id);

// The cart as the order saga buys it: `cart_empty`, or `product_unavailable`
// naming the first product the catalog no longer sells.
kernel::Result<CheckoutCart> checkout_cart(const StoredCart& stored, const Variants& variants);

}  // namespace emporium::cart
