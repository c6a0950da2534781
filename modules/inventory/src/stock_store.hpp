#pragma once
// SQL of inventory.variants, inventory.stock and inventory.product_thresholds.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "stock_types.hpp"

namespace emporium::inventory {

// A variant's row as locked for a change.
struct VariantRow {
  VariantOwner owner;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::optional<std::int64_t> own_threshold;  // the product's own, if it has one
  std::vector<WarehouseStock> warehouses;      // in allocation order, when asked for
  std::int64_t version = 0;                    // changes so far (inventory.stock_changed)
};

// What a change adds to a row's counts.
struct StockDelta {
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
};

// A warehouse row of a variant: (variant id, warehouse id).
using StockRowKey = std::pair<std::string, std::string>;

struct VariantTotals {
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t version = 0;
};

// One seeded variant with its units in each warehouse.
struct SeededVariant {
  VariantOwner owner;
  std::vector<std::pair<std::string, std::int64_t>> on_hand_by_warehouse;
};

class StockStore {
 public:
  explicit StockStore(kernel::Tx& tx) : tx_(tx) {}

  std::optional<VariantOwner> find_owner(const std::string& variant_id);
  // Records a variant the inventory has not stocked before; a no-op for a known one.
  void add_variant(const VariantOwner& owner);
  // Locks the rows of the known ones among `variant_ids`, in variant id
  // order, in one round trip. With `with_warehouses` the rows come with
  // their warehouse rows, read after the locks are granted.
  std::vector<VariantRow> lock_variants(const std::vector<std::string>& variant_ids, bool with_warehouses);
  std::vector<std::string> variant_ids_of_product(const std::string& product_id);

  // Adds each delta to its warehouse row (created if need be) and each
  // total delta to its variant's totals, in one statement that is queued
  // (Tx::defer) to go out with the unit's next statement or its COMMIT: the
  // caller knows the new totals already, from the rows it locked. A row
  // whose on_hand or reserved would go below zero, or reserved above
  // on_hand, fails the statement (the tables' CHECK constraints), and with
  // it the unit.
  void change_stock(const std::map<StockRowKey, StockDelta>& rows, const std::map<std::string, StockDelta>& totals);

  std::optional<std::int64_t> own_threshold(const std::string& product_id);
  // nullopt: the product goes back to the configured default.
  void set_threshold(const std::string& product_id, std::optional<std::int64_t> threshold);

  std::optional<StockLevel> level(const std::string& variant_id, std::int64_t default_threshold);
  std::map<std::string, std::int64_t> available(const std::vector<std::string>& variant_ids);
  // Variants at or below their threshold, lowest available first.
  Paged<StockLevel> low_stock(std::int64_t default_threshold, const kernel::PageRequest& page);

  bool has_any_variant();
  // Bulk insert for the demo data; returns the variants that were new.
  std::vector<VariantOwner> insert_seeded(const std::vector<SeededVariant>& variants);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::inventory
