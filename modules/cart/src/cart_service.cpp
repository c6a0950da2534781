#include "cart_service.hpp"

#include <algorithm>

#include "cart_ids.hpp"
#include "cart_module_id.hpp"
#include "cart_store.hpp"

namespace emporium::cart {
namespace {

kernel::Error cart_not_found() { return {"not_found", "No such cart."}; }

// The active cart `user_id` may use with its items, locked for this unit of work.
kernel::Result<StoredCart> lock_usable(CartStore& store, const std::string& cart_id, const std::string& user_id) {
  auto stored = store.lock_with_items(cart_id);
  if (!stored || stored->cart.status != "active" || !may_use(stored->cart, user_id)) return cart_not_found();
  return std::move(*stored);
}

// The items' variant ids that `known` has no entry for.
template <class Map>
std::vector<std::string> unknown_variant_ids(const std::vector<ItemRow>& items, const Map& known) {
  std::vector<std::string> ids;
  for (const auto& item : items) {
    if (!known.contains(item.variant_id)) ids.push_back(item.variant_id);
  }
  return ids;
}

std::vector<std::string> variant_ids_of(const std::vector<ItemRow>& items) {
  return unknown_variant_ids(items, Variants{});
}

const ItemRow* line_of(const std::vector<ItemRow>& items, const std::string& variant_id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const ItemRow& i) { return i.variant_id == variant_id; });
  return it == items.end() ? nullptr : &*it;
}

// Runs a change in one unit of work; an error rolls back whatever it wrote.
template <class F>
kernel::Result<StoredCart> change(kernel::Database& db, F&& fn) {
  return db.transact(cart_module_id(), [&](kernel::Tx& tx) {
    CartStore store(tx);
    kernel::Result<StoredCart> result = fn(store);
    if (!result) tx.rollback_only();
    return result;
  });
}

}  // namespace

kernel::Result<PricedCart> CartService::create(const std::string& user_id) {
  if (!user_id.empty()) return own(user_id);
  auto row = db_.transact(cart_module_id(), [&](kernel::Tx& tx) {
    tx.commit_with_next_statement();
    return CartStore(tx).create_guest(new_cart_id(), config_.guest_cart_ttl);
  });
  return priced({row, {}});
}

kernel::Result<PricedCart> CartService::own(const std::string& user_id) {
  auto stored = db_.transact(cart_module_id(), [&](kernel::Tx& tx) {
    tx.commit_with_next_statement();
    return CartStore(tx).own_cart(user_id, new_cart_id());
  });
  return priced(stored);
}

std::string CartService::own_cart_id(const std::string& user_id) {
  return db_.transact(cart_module_id(),
                      [&](kernel::Tx& tx) { return CartStore(tx).own_cart(user_id, new_cart_id()).cart.id; });
}

kernel::Result<PricedCart> CartService::get(const std::string& cart_id, const std::string& user_id) {
  auto stored = read_usable(cart_id, user_id);
  if (!stored) return stored.error();
  return priced(stored.value());
}

kernel::Result<PricedCart> CartService::add_item(const std::string& cart_id, const std::string& user_id,
                                                 const ItemRequest& request) {
  auto ref = resolve(request.variant_or_product_id);
  if (!ref) return ref.error();
  if (!ref->active) return kernel::Error{"product_unavailable", "Product " + ref->product_id + " is no longer sold."};
  const std::int64_t available = inventory_.available(ref->variant_id);
  auto stored = change(db_, [&](CartStore& store) -> kernel::Result<StoredCart> {
    auto current = lock_usable(store, cart_id, user_id);
    if (!current) return current.error();
    if (auto ok = check_currency(current.value(), ref->currency); !ok) return ok.error();
    const ItemRow* existing = line_of(current->items, ref->variant_id);
    const std::int64_t quantity = (existing ? existing->quantity : 0) + request.quantity;
    if (auto ok = check_quantity(quantity, available); !ok) return ok.error();
    store.put_item(cart_id, new_item_id(), {"", ref->variant_id, ref->product_id, quantity, ref->price_minor});
    return store.touch(cart_id, ref->currency, config_.guest_cart_ttl);
  });
  if (!stored) return stored.error();
  return priced(stored.value(), Known{Variants{{ref->variant_id, *ref}}, Availability{{ref->variant_id, available}}});
}

kernel::Result<PricedCart> CartService::set_quantity(const std::string& cart_id, const std::string& user_id,
                                                     const std::string& item_id, std::int64_t quantity) {
  auto before = read_usable(cart_id, user_id);
  if (!before) return before.error();
  auto it = std::find_if(before->items.begin(), before->items.end(), [&](const ItemRow& i) { return i.id == item_id; });
  if (it == before->items.end()) return kernel::Error{"not_found", "No such item in this cart."};
  const std::string variant_id = it->variant_id;
  // The whole cart's variants and stock at once: the response prices them all.
  Known known{lookup(before->items), {}};
  auto found = known.variants.find(variant_id);
  if (found == known.variants.end() || !found->second.active) {
    return kernel::Error{"product_unavailable", "Product " + it->product_id + " is no longer sold."};
  }
  const catalog::VariantRef ref = found->second;
  known.available = inventory_.available_many(variant_ids_of(before->items));
  if (auto ok = check_quantity(quantity, known.available[variant_id]); !ok) return ok.error();
  auto stored = change(db_, [&](CartStore& store) -> kernel::Result<StoredCart> {
    auto cart = lock_usable(store, cart_id, user_id);
    if (!cart) return cart.error();
    const ItemRow* line = line_of(cart->items, variant_id);
    if (line == nullptr || line->id != item_id) return kernel::Error{"not_found", "No such item in this cart."};
    ItemRow updated = *line;
    updated.quantity = quantity;
    updated.seen_unit_price_minor = ref.price_minor;
    store.put_item(cart_id, item_id, updated);
    return store.touch(cart_id, cart->cart.currency, config_.guest_cart_ttl);
  });
  if (!stored) return stored.error();
  return priced(stored.value(), std::move(known));
}

kernel::Result<PricedCart> CartService::remove_item(const std::string& cart_id, const std::string& user_id,
                                                    const std::string& item_id) {
  auto stored = change(db_, [&](CartStore& store) -> kernel::Result<StoredCart> {
    auto cart = lock_usable(store, cart_id, user_id);
    if (!cart) return cart.error();
    const auto& items = cart->items;
    if (std::none_of(items.begin(), items.end(), [&](const ItemRow& i) { return i.id == item_id; })) {
      return kernel::Error{"not_found", "No such item in this cart."};
    }
    store.delete_item(cart_id, item_id);
    return store.touch(cart_id, cart->cart.currency, config_.guest_cart_ttl);
  });
  if (!stored) return stored.error();
  return priced(stored.value());
}

kernel::Result<PricedCart> CartService::merge(const std::string& guest_cart_id, const std::string& user_id) {
  auto guest = read_usable(guest_cart_id, user_id);
  if (!guest) return guest.error();
  if (guest->cart.owner_user_id == user_id) {
    return kernel::Error{"cannot_merge_own_cart", "This is already your cart; merge a guest cart into it."};
  }
  const std::vector<std::string> variant_ids = variant_ids_of(guest->items);
  const Availability available = variant_ids.empty() ? Availability{} : inventory_.available_many(variant_ids);

  auto stored = change(db_, [&](CartStore& store) -> kernel::Result<StoredCart> {
    const std::string own_id = store.own_cart(user_id, new_cart_id()).cart.id;
    // Both rows locked in id order, so two merges never wait on each other in a circle.
    const bool guest_first = guest_cart_id < own_id;
    auto first = lock_usable(store, guest_first ? guest_cart_id : own_id, user_id);
    auto second = lock_usable(store, guest_first ? own_id : guest_cart_id, user_id);
    if (!first || !second) return cart_not_found();
    const StoredCart& from = guest_first ? first.value() : second.value();
    const StoredCart& into = guest_first ? second.value() : first.value();
    if (!from.cart.owner_user_id.empty()) return cart_not_found();
    if (!from.items.empty()) {
      if (auto ok = check_currency(into, from.cart.currency); !ok) return ok.error();
    }
    for (const auto& item : from.items) {
      const ItemRow* existing = line_of(into.items, item.variant_id);
      auto stock = available.find(item.variant_id);
      const std::int64_t quantity = merged_quantity(existing ? existing->quantity : 0, item.quantity,
                                                    stock == available.end() ? 0 : stock->second);
      if (quantity == 0 || (existing && existing->quantity == quantity)) continue;
      ItemRow line = existing ? *existing : item;
      line.quantity = quantity;
      store.put_item(own_id, new_item_id(), line);
    }
    store.delete_items(guest_cart_id);
    store.mark_merged(guest_cart_id);
    const std::string currency = into.items.empty() && !from.items.empty() ? from.cart.currency : into.cart.currency;
    return store.touch(own_id, currency, config_.guest_cart_ttl);
  });
  if (!stored) return stored.error();
  return priced(stored.value(), Known{{}, available});
}

kernel::Result<CheckoutCart> CartService::checkout_view(const std::string& cart_id, const std::string& user_id) {
  auto stored = read_usable(cart_id, user_id);
  if (!stored) return stored.error();
  return checkout_cart(stored.value(), lookup(stored->items));
}

kernel::Status CartService::complete_checkout(const std::string& cart_id, const std::string& order_id) {
  return db_.transact(cart_module_id(), [&](kernel::Tx& tx) -> kernel::Status {
    CartStore store(tx);
    // The order is paid already: a guest cart that expired meanwhile is still completed.
    auto cart = store.find(cart_id, true, true);
    if (!cart || cart->status == "merged") return cart_not_found();
    if (cart->status == "checked_out") {
      if (cart->order_id == order_id) return kernel::Ok{};
      return kernel::Error{"already_checked_out", "The cart was checked out by another order."};
    }
    store.delete_items(cart_id);
    store.mark_checked_out(cart_id, order_id);
    return kernel::Ok{};
  });
}

bool CartService::expire_batch() {
  return db_.transact(cart_module_id(), [](kernel::Tx& tx) { return CartStore(tx).delete_expired(kExpiryBatch); }) > 0;
}

kernel::Result<StoredCart> CartService::read_usable(const std::string& cart_id, const std::string& user_id) {
  return db_.transact(cart_module_id(), [&](kernel::Tx& tx) -> kernel::Result<StoredCart> {
    CartStore store(tx);
    tx.commit_with_next_statement();
    auto stored = store.find_with_items(cart_id);
    if (!stored || stored->cart.status != "active" || !may_use(stored->cart, user_id)) return cart_not_found();
    return *stored;
  });
}

Variants CartService::lookup(const std::vector<ItemRow>& items) {
  const auto variant_ids = variant_ids_of(items);
  return variant_ids.empty() ? Variants{} : catalog_.find_variants(variant_ids);
}

PricedCart CartService::priced(const StoredCart& stored, Known known) {
  if (const auto unknown = unknown_variant_ids(stored.items, known.variants); !unknown.empty()) {
    known.variants.merge(catalog_.find_variants(unknown));
  }
  if (const auto unknown = unknown_variant_ids(stored.items, known.available); !unknown.empty()) {
    known.available.merge(inventory_.available_many(unknown));
  }
  return price_cart(stored, known.variants, known.available);
}

kernel::Result<catalog::VariantRef> CartService::resolve(const std::string& variant_or_product_id) {
  // A product id is asked for as a product first: one catalog unit of work
  // instead of a variant lookup that misses. The prefix only orders the
  // lookups, so an id of either kind still resolves as before.
  const bool product_first = variant_or_product_id.starts_with(catalog::kProductIdPrefix);
  if (!product_first) {
    if (auto ref = catalog_.find_variant(variant_or_product_id)) return *ref;
  }
  auto sole = catalog_.sole_variant(variant_or_product_id);
  if (sole || sole.error().code == "variant_required") return sole;
  if (product_first) {
    if (auto ref = catalog_.find_variant(variant_or_product_id)) return *ref;
  }
  return kernel::Error{"unknown_variant", "No product or variant " + variant_or_product_id + "."};
}

}  // namespace emporium::cart
