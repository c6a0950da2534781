#pragma once
// Every change of stock goes through a ledger, inside one transaction: it
// locks the variants first (in variant id order, so writers never deadlock),
// records the changes of warehouse rows, then writes them, keeps the
// variants' totals and publishes inventory.stock_changed (and
// inventory.low_stock on a crossing) in the same transaction. The rows and
// the totals are written in one statement, however many there are, queued
// to go out with the unit's next statement or COMMIT: every round trip is
// made while the variants are locked.
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
  // Locks the rows of the variants among `variant_ids` that the inventory
  // knows; with `with_warehouses`, find() has their warehouse rows too.
  StockLedger(kernel::Tx& tx, std::int64_t default_threshold, std::vector<std::string> variant_ids,
              bool with_warehouses = false);
  StockLedger(const StockLedger&) = delete;
  StockLedger& operator=(const StockLedger&) = delete;

  // The locked variant, or null when the inventory has never stocked it.
  const VariantRow* find(const std::string& variant_id) const;
  StockStore& store() { return store_; }

  // Records an addition to one warehouse row of a locked variant; false (and
  // nothing recorded) when the variant's on_hand, reserved or available
  // would go below zero. finish() writes it.
  bool change(const std::string& variant_id, const std::string& warehouse_id, std::int64_t on_hand_delta,
              std::int64_t reserved_delta);
  // A product's own threshold (nullopt: the default again); its locked
  // variants are checked for a crossing with the new one.
  void set_threshold(const std::string& product_id, std::optional<std::int64_t> threshold);

  // Queues the write of the recorded warehouse rows and the totals of the
  // changed variants, and publishes the events; no round trip of its own.
  // A warehouse row that refuses its change (the caller checked only the
  // totals, read under the lock) fails the unit's next statement or COMMIT.
  void finish();

 private:
  struct Entry {
    VariantRow row;
    std::int64_t threshold_before = 0;
    std::int64_t threshold_after = 0;
    StockDelta total;                              // recorded, not yet written
    std::map<std::string, StockDelta> warehouses;  // by warehouse id; empty: unchanged
  };

  // Queues the write of the recorded rows and the totals; the new totals by variant id.
  std::map<std::string, VariantTotals> write_changes();

  kernel::Tx& tx_;
  StockStore store_;
  std::int64_t default_threshold_;
  std::map<std::string, Entry> entries_;
};

}  // namespace emporium::inventory
