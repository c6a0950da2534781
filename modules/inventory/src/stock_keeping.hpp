#pragma once
// What the HTTP API does with stock: read a variant's stock, set or adjust
// it in one warehouse (sellers their own products, admins any), set a
// product's low-stock threshold, list the low-stock alerts.
#include <cstdint>
#include <optional>
#include <string>

#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/kernel/result.hpp"
#include "inventory_config.hpp"
#include "stock_types.hpp"
#include "variant_resolver.hpp"

namespace emporium::inventory {

struct OnHandChange {
  std::optional<std::string> warehouse_id;  // default: the first warehouse
  std::int64_t on_hand = 0;
  bool sets_threshold = false;
  std::optional<std::int64_t> threshold;  // with sets_threshold; nullopt: back to the default
};

struct StockAdjustment {
  std::int64_t delta = 0;
  std::optional<std::string> warehouse_id;  // default: the first warehouse
  std::optional<std::string> variant_id;    // default: the product's sole variant
};

class StockKeeping {
 public:
  StockKeeping(kernel::Database& db, catalog::Catalog& catalog, const InventoryConfig& config)
      : db_(db), variants_(db, catalog), config_(config) {}

  // Errors: not_found, variant_required.
  kernel::Result<StockLevel> level(const std::string& id);
  // Errors: not_found, variant_required, forbidden, unknown_warehouse,
  // below_reserved (on_hand lower than the units reserved there).
  kernel::Result<StockLevel> set_on_hand(const kernel::Principal& caller, const std::string& id,
                                         const OnHandChange& change);
  // Errors: as set_on_hand, plus variant_mismatch (the variant is another
  // product's) and negative_stock.
  kernel::Result<StockLevel> adjust(const kernel::Principal& caller, const std::string& product_id,
                                    const StockAdjustment& adjustment);
  Paged<StockLevel> alerts(const kernel::PageRequest& page);

 private:
  // Sets one warehouse row of a resolved, permitted variant to `on_hand(current)`.
  template <class NewOnHand>
  kernel::Result<StockLevel> write(const VariantOwner& owner, const std::optional<std::string>& warehouse_id,
                                   NewOnHand new_on_hand, const OnHandChange* threshold_change);

  kernel::Database& db_;
  VariantResolver variants_;
  InventoryConfig config_;
};

}  // namespace emporium::inventory
