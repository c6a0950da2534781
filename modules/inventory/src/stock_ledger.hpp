#pragma once
// Every change of stock goes through a ledger, inside one transaction: it
// locks the variants first (in variant id order, so writers never deadlock),
// changes warehouse rows, then keeps the variants' totals and publishes
// inventory.stock_changed (and inventory.low_stock on a crossing) in the
// same transaction.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "stock_store.hpp"

namespace emporium::inventory {

class StockLedger {
 public:
  // Locks the rows of the variants among `variant_ids` that the inventory knows.
  StockLedger(kernel::Tx& tx, std::int64_t default_threshold, std::vector<std::string> variant_ids);
  StockLedger(const StockLedger&) = delete;
  StockLedger& operator=(const StockLedger&) = delete;

  // The locked variant, or null when the inventory has never stocked it.
  const VariantRow* find(const std::string& variant_id) const;
  StockStore& store() { return store_; }

  // Adds to one warehouse row of a locked variant; false (and nothing
  // changed) when on_hand, reserved or available would go below zero.
  bool change(const std::string& variant_id, const std::string& warehouse_id, std::int64_t on_hand_delta,
              std::int64_t reserved_delta);
  // A product's own threshold (nullopt: the default again); its locked
  // variants are checked for a crossing with the new one.
  void set_threshold(const std::string& product_id, std::optional<std::int64_t> threshold);

  // Writes the totals of the changed variants and publishes the events.
  void finish();

 private:
  struct Entry {
    VariantRow row;
    std::int64_t threshold_before = 0;
    std::int64_t threshold_after = 0;
    std::int64_t on_hand_delta = 0;
    std::int64_t reserved_delta = 0;
    bool changed = false;
  };

  kernel::Tx& tx_;
  StockStore store_;
  std::int64_t default_threshold_;
  std::map<std::string, Entry> entries_;
};

}  // namespace emporium::inventory
