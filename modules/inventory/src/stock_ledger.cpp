#include "stock_ledger.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "emporium/inventory/events.hpp"
#include "low_stock.hpp"
#include "stock_events.hpp"

namespace emporium::inventory {

StockLedger::StockLedger(kernel::Tx& tx, std::int64_t default_threshold, std::vector<std::string> variant_ids,
                         bool with_warehouses)
    : tx_(tx), store_(tx), default_threshold_(default_threshold) {
  std::sort(variant_ids.begin(), variant_ids.end());
  variant_ids.erase(std::unique(variant_ids.begin(), variant_ids.end()), variant_ids.end());
  for (auto& row : store_.lock_variants(variant_ids, with_warehouses)) {
    std::int64_t threshold = effective_threshold(row.own_threshold, default_threshold_);
    std::string id = row.owner.variant_id;
    entries_.emplace(id, Entry{std::move(row), threshold, threshold});
  }
}

const VariantRow* StockLedger::find(const std::string& variant_id) const {
  auto it = entries_.find(variant_id);
  return it == entries_.end() ? nullptr : &it->second.row;
}

bool StockLedger::change(const std::string& variant_id, const std::string& warehouse_id, std::int64_t on_hand_delta,
                         std::int64_t reserved_delta) {
  auto it = entries_.find(variant_id);
  if (it == entries_.end()) throw std::logic_error("stock change of a variant that is not locked: " + variant_id);
  Entry& entry = it->second;
  // The totals are the sum of the warehouse rows, so what they refuse a row
  // refuses too; the rows themselves are checked when they are written.
  std::int64_t on_hand = entry.row.on_hand + entry.total.on_hand + on_hand_delta;
  std::int64_t reserved = entry.row.reserved + entry.total.reserved + reserved_delta;
  if (on_hand < 0 || reserved < 0 || reserved > on_hand) return false;
  entry.total.on_hand += on_hand_delta;
  entry.total.reserved += reserved_delta;
  StockDelta& row = entry.warehouses[warehouse_id];
  row.on_hand += on_hand_delta;
  row.reserved += reserved_delta;
  return true;
}

void StockLedger::set_threshold(const std::string& product_id, std::optional<std::int64_t> threshold) {
  store_.set_threshold(product_id, threshold);
  for (auto& [id, entry] : entries_) {
    if (entry.row.owner.product_id == product_id) {
      entry.threshold_after = effective_threshold(threshold, default_threshold_);
    }
  }
}

std::map<std::string, VariantTotals> StockLedger::write_changes() {
  std::map<StockRowKey, StockDelta> rows;
  std::map<std::string, StockDelta> deltas;
  std::map<std::string, VariantTotals> totals;
  for (const auto& [id, entry] : entries_) {
    if (entry.warehouses.empty()) continue;
    for (const auto& [warehouse_id, delta] : entry.warehouses) rows.emplace(StockRowKey{id, warehouse_id}, delta);
    deltas.emplace(id, entry.total);
    // The row was read under its lock, so what the write makes of it is known.
    totals.emplace(id, VariantTotals{entry.row.on_hand + entry.total.on_hand, entry.row.reserved + entry.total.reserved,
                                     entry.row.version + 1});
  }
  if (!rows.empty()) store_.change_stock(rows, deltas);
  return totals;
}

void StockLedger::finish() {
  auto written = write_changes();
  for (auto& [id, entry] : entries_) {
    std::int64_t available_before = entry.row.on_hand - entry.row.reserved;
    std::int64_t available_after = available_before;
    if (auto found = written.find(id); found != written.end()) {
      const VariantTotals& totals = found->second;
      available_after = totals.on_hand - totals.reserved;
      tx_.publish(events::kStockChanged, events::kVersion,
                  stock_changed_payload(entry.row.owner, totals.on_hand, totals.reserved, totals.version));
      entry.row.on_hand = totals.on_hand;
      entry.row.reserved = totals.reserved;
      entry.row.version = totals.version;
      entry.total = {};
      entry.warehouses.clear();
    }
    if (crossed_into_low(available_before, entry.threshold_before, available_after, entry.threshold_after)) {
      tx_.publish(events::kLowStock, events::kVersion,
                  low_stock_payload(entry.row.owner, available_after, entry.threshold_after));
    }
    entry.threshold_before = entry.threshold_after;
  }
}

}  // namespace emporium::inventory
