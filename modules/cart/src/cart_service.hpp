#pragma once
// The cart module's behaviour: guest and customer carts, their items, the
// merge, the views the order saga buys from, and the expiry of guest carts.
// Catalog and inventory are called outside this module's units of work, so
// a request never holds two pooled connections at once.
#include <cstdint>
#include <string>
#include <vector>

#include "cart_config.hpp"
#include "emporium/cart/carts.hpp"
#include "emporium/catalog/catalog.hpp"
#include "emporium/inventory/inventory.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"
#include "pricing.hpp"

namespace emporium::cart {

// What a client asks to add: a variant id, or a product id standing for its sole variant.
struct ItemRequest {
  std::string variant_or_product_id;
  std::int64_t quantity = 1;
};

// Variants and stock read once in a request and reused, so that a request
// costs one catalog and one inventory unit of work at most.
struct Known {
  Variants variants;
  Availability available;
};

class CartService final : public Carts {
 public:
  CartService(kernel::Database& db, catalog::Catalog& catalog, inventory::Inventory& inventory, CartConfig config)
      : db_(db), catalog_(catalog), inventory_(inventory), config_(config) {}

  // `user_id` below is the caller's, empty for a guest. Errors: not_found
  // (unknown, expired, closed or someone else's cart; unknown item),
  // unknown_variant, variant_required, product_unavailable,
  // validation_failed, insufficient_stock, currency_mismatch,
  // cannot_merge_own_cart.

  // A guest: a new guest cart. A signed-in user: their own cart.
  kernel::Result<PricedCart> create(const std::string& user_id);
  kernel::Result<PricedCart> own(const std::string& user_id);
  std::string own_cart_id(const std::string& user_id);
  kernel::Result<PricedCart> get(const std::string& cart_id, const std::string& user_id);
  kernel::Result<PricedCart> add_item(const std::string& cart_id, const std::string& user_id, const ItemRequest& request);
  kernel::Result<PricedCart> set_quantity(const std::string& cart_id, const std::string& user_id,
                                          const std::string& item_id, std::int64_t quantity);
  kernel::Result<PricedCart> remove_item(const std::string& cart_id, const std::string& user_id,
                                         const std::string& item_id);
  // Moves the guest cart into the signed-in user's cart.
  kernel::Result<PricedCart> merge(const std::string& guest_cart_id, const std::string& user_id);

  kernel::Result<CheckoutCart> checkout_view(const std::string& cart_id, const std::string& user_id) override;
  kernel::Status complete_checkout(const std::string& cart_id, const std::string& order_id) override;

  // Deletes one batch of expired guest carts; false when none was due.
  bool expire_batch();

  static constexpr std::int64_t kExpiryBatch = 100;

 private:
  // The active cart that `user_id` may use, read in a unit of work of its own.
  kernel::Result<StoredCart> read_usable(const std::string& cart_id, const std::string& user_id);
  Variants lookup(const std::vector<ItemRow>& items);
  // `known` holds what this request already read of the catalog and the
  // inventory; only the cart's other variants are asked for.
  PricedCart priced(const StoredCart& stored, Known known = {});
  kernel::Result<catalog::VariantRef> resolve(const std::string& variant_or_product_id);

  kernel::Database& db_;
  catalog::Catalog& catalog_;
  inventory::Inventory& inventory_;
  CartConfig config_;
};

}  // namespace emporium::cart
