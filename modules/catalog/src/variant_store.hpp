#pragma once
// SQL of catalog.variants for other modules (the Catalog interface) and for
// the catalog's own copy of each variant's available stock.
#include <cstddef>
#include <cstdint>
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

class VariantStore {
 public:
  explicit VariantStore(kernel::Tx& tx) : tx_(tx) {}

  std::optional<VariantRef> find(const std::string& variant_id);
  std::vector<VariantRef> of_product(const std::string& product_id);
  std::vector<VariantRef> after(const std::string& after_variant_id, std::size_t limit);

  // Records the inventory's figure as of `as_of` (RFC 3339); an older figure
  // than the one held is ignored. nullopt when nothing changed (an unknown
  // variant, or an older figure).
  std::optional<StockUpdate> set_available(const std::string& variant_id, std::int64_t available,
                                           const std::string& as_of);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::catalog
