#pragma once
// The SQL of the cart schema, inside one unit of work of this module.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cart_types.hpp"
#include "emporium/kernel/database.hpp"

namespace emporium::cart {

class CartStore {
 public:
  explicit CartStore(kernel::Tx& tx) : tx_(tx) {}

  CartRow create_guest(const std::string& id, std::chrono::hours ttl);
  // The customer's active cart with its items, created with `new_id` when
  // they have none.
  StoredCart own_cart(const std::string& user_id, const std::string& new_id);
  // A cart in any status, unexpired unless `include_expired`; `lock` holds
  // it until the end of the unit of work.
  std::optional<CartRow> find(const std::string& id, bool lock, bool include_expired = false);
  // An unexpired cart in any status with its items, unlocked, in one
  // statement.
  std::optional<StoredCart> find_with_items(const std::string& id);
  // The same, locked until the end of the unit of work, in one round trip:
  // the lock is a statement of its own (Tx::defer) ahead of the read, so the
  // read's snapshot is taken after the lock is granted and sees what the
  // lock's previous holder committed. One statement that locked and read
  // would read the items with a snapshot from before the lock wait.
  std::optional<StoredCart> lock_with_items(const std::string& id);

  // Sets the line of `variant_id` to `quantity` units seen at `seen_price`,
  // creating it with `new_item_id` when the cart has none.
  void put_item(const std::string& cart_id, const std::string& new_item_id, const ItemRow& item);
  // Deferred (Tx::defer): the caller has read the locked cart's items.
  void delete_item(const std::string& cart_id, const std::string& item_id);
  void delete_items(const std::string& cart_id);
  // A write to the cart: updated_at now, the guest's expiry extended; the
  // cart as it now is, items included. It ends the unit of work: the COMMIT
  // goes out with it (kernel::Tx::commit_with_next_statement).
  StoredCart touch(const std::string& cart_id, const std::string& currency, std::chrono::hours ttl);
  void mark_merged(const std::string& cart_id);
  void mark_checked_out(const std::string& cart_id, const std::string& order_id);

  // Deletes up to `limit` expired guest carts that no one else holds; how many.
  std::int64_t delete_expired(std::int64_t limit);
  // Every cart of the user, for erasure and export.
  std::int64_t erase_user(const std::string& user_id);
  std::vector<StoredCart> carts_of(const std::string& user_id);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::cart
