#pragma once
// SQL of catalog.variants for other modules (the Catalog interface) and for
// the catalog's own copy of each variant's available stock.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/database.hpp"

namespace emporium::catalog {

struct StockUpdate {
  std::string product_id;
  bool in_stock_changed = false;  // the product's in_stock flipped
};

// The inventory's figure for one variant: its available stock after the
// variant's `version`-th change.
struct StockLevel {
  std::string variant_id;
  std::int64_t available = 0;
  std::int64_t version = 0;
};

class VariantStore {
 public:
  explicit VariantStore(kernel::Tx& tx) : tx_(tx) {}

  // One statement for all `variant_ids`; those not found are absent.
  std::map<std::string, VariantRef> find_many(const std::vector<std::string>& variant_ids);
  std::vector<VariantRef> of_product(const std::string& product_id);
  std::vector<VariantRef> after(const std::string& after_variant_id, std::size_t limit);

  // Records the inventory's figure unless a later version is already held.
  // nullopt when nothing changed (an unknown variant, or an older version).
  std::optional<StockUpdate> set_available(const StockLevel& level);
  // The same for many variants at once (a bulk load, a batch of events;
  // the newest version of a variant wins): one update per product whose
  // figures changed.
  std::vector<StockUpdate> set_available_many(const std::vector<StockLevel>& levels);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::catalog
