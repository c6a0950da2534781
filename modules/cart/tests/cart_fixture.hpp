#pragma once
// A fresh migrated database with the cart's service over an in-memory
// catalog and inventory: the cart sees both only through their interfaces.
#include <doctest/doctest.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cart/src/cart_config.hpp"
#include "cart/src/cart_module_id.hpp"
#include "cart/src/cart_service.hpp"
#include "emporium/catalog/catalog.hpp"
#include "emporium/inventory/inventory.hpp"
#include "emporium/kernel/database.hpp"
#include "test_database.hpp"

namespace emporium::cart::testing {

class FakeCatalog final : public catalog::Catalog {
 public:
  // A product with `variants` variants named <product_id>_v1, _v2, ...
  void add_product(const std::string& product_id, std::int64_t price_minor, int variants = 1,
                   const std::string& currency = "USD") {
    std::lock_guard lock(mutex_);
    for (int i = 1; i <= variants; ++i) {
      catalog::VariantRef ref;
      ref.variant_id = product_id + "_v" + std::to_string(i);
      ref.product_id = product_id;
      ref.seller_id = "usr_seller";
      ref.product_name = "Product " + product_id;
      ref.sku = "SKU-" + ref.variant_id;
      ref.price_minor = price_minor;
      ref.currency = currency;
      ref.weight_grams = 100;
      if (variants > 1) ref.options = {{"Size", std::to_string(i)}};
      variants_[ref.variant_id] = ref;
    }
  }
  void set_price(const std::string& variant_id, std::int64_t price_minor) {
    std::lock_guard lock(mutex_);
    variants_.at(variant_id).price_minor = price_minor;
  }
  void archive(const std::string& product_id) {
    std::lock_guard lock(mutex_);
    for (auto& [id, ref] : variants_) {
      if (ref.product_id == product_id) ref.active = false;
    }
  }

  std::optional<catalog::VariantRef> find_variant(const std::string& variant_id) override {
    std::lock_guard lock(mutex_);
    ++calls_;
    return find_locked(variant_id);
  }
  std::map<std::string, catalog::VariantRef> find_variants(const std::vector<std::string>& variant_ids) override {
    std::lock_guard lock(mutex_);
    ++calls_;
    std::map<std::string, catalog::VariantRef> out;
    for (const auto& id : variant_ids) {
      if (auto ref = find_locked(id)) out.emplace(id, std::move(*ref));
    }
    return out;
  }
  kernel::Result<catalog::VariantRef> sole_variant(const std::string& product_id) override {
    std::lock_guard lock(mutex_);
    ++calls_;
    auto found = of_product_locked(product_id);
    if (found.empty()) return kernel::Error{"not_found", "No such product."};
    if (found.size() > 1) return kernel::Error{"variant_required", "The product has several variants; name one."};
    return found.front();
  }
  std::vector<catalog::VariantRef> variants_of(const std::string& product_id) override {
    std::lock_guard lock(mutex_);
    ++calls_;
    return of_product_locked(product_id);
  }
  std::vector<catalog::VariantRef> list_variants(const std::string&, std::size_t) override { return {}; }

  // Calls of the Catalog interface so far: each is a unit of work of the real catalog.
  int calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  std::optional<catalog::VariantRef> find_locked(const std::string& variant_id) const {
    auto it = variants_.find(variant_id);
    if (it == variants_.end()) return std::nullopt;
    return it->second;
  }
  std::vector<catalog::VariantRef> of_product_locked(const std::string& product_id) const {
    std::vector<catalog::VariantRef> out;
    for (const auto& [id, ref] : variants_) {
      if (ref.product_id == product_id) out.push_back(ref);
    }
    return out;
  }

  std::mutex mutex_;
  std::map<std::string, catalog::VariantRef> variants_;
  int calls_ = 0;
};

class FakeInventory final : public inventory::Inventory {
 public:
  void set(const std::string& variant_id, std::int64_t available) {
    std::lock_guard lock(mutex_);
    available_[variant_id] = available;
  }
  kernel::Status reserve(const std::string&, const std::vector<inventory::ReservationLine>&) override {
    return kernel::Ok{};
  }
  kernel::Status commit(const std::string&) override { return kernel::Ok{}; }
  kernel::Status release(const std::string&) override { return kernel::Ok{}; }
  kernel::Status restock(const std::string&) override { return kernel::Ok{}; }
  std::int64_t available(const std::string& variant_id) override { return available_many({variant_id})[variant_id]; }
  std::map<std::string, std::int64_t> available_many(const std::vector<std::string>& variant_ids) override {
    std::lock_guard lock(mutex_);
    ++calls_;
    std::map<std::string, std::int64_t> out;
    for (const auto& id : variant_ids) {
      auto it = available_.find(id);
      out[id] = it == available_.end() ? 0 : it->second;
    }
    return out;
  }

  // Stock reads so far: each is a unit of work of the real inventory.
  int calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::int64_t> available_;
  int calls_ = 0;
};

struct CartFixture {
  explicit CartFixture(std::string_view prefix, CartConfig settings = {})
      : db(emporium::testing::migrated_database(prefix), 4), service(db, catalog, inventory, settings) {}

  // A stocked single-variant product; its variant id.
  std::string product(const std::string& product_id, std::int64_t price_minor, std::int64_t stock = 100,
                      const std::string& currency = "USD") {
    catalog.add_product(product_id, price_minor, 1, currency);
    inventory.set(product_id + "_v1", stock);
    return product_id + "_v1";
  }

  PricedCart guest_cart() {
    auto cart = service.create("");
    REQUIRE(cart);
    return cart.value();
  }

  PricedCart add(const std::string& cart_id, const std::string& user_id, const std::string& id, std::int64_t quantity) {
    auto cart = service.add_item(cart_id, user_id, {id, quantity});
    if (!cart) FAIL("add_item failed: " << cart.error().code << ": " << cart.error().message);
    return cart.value();
  }

  long long scalar(const std::string& query) {
    return db.transact(cart_module_id(), [&](kernel::Tx& tx) {
      long long value = 0;
      tx.sql() << query, soci::into(value);
      return value;
    });
  }

  void execute(const std::string& statement) {
    db.transact(cart_module_id(), [&](kernel::Tx& tx) { tx.sql() << statement; });
  }

  kernel::Database db;
  FakeCatalog catalog;
  FakeInventory inventory;
  CartService service;
};

}  // namespace emporium::cart::testing
