#pragma once
// Reading the inventory's stock events. Their names and payloads belong to
// the inventory module; the catalog may not depend on it, so it reads them by
// name and field here, in one place:
//   inventory.stock_changed {"variant_id", "product_id", "on_hand", "reserved", "available", "version"}
//   inventory.stock_loaded  {"levels": [<a stock_changed payload>, ...]}
#include <string_view>
#include <vector>

#include "variant_store.hpp"

namespace emporium::catalog {

inline constexpr const char* kStockChangedEvent = "inventory.stock_changed";
inline constexpr const char* kStockLoadedEvent = "inventory.stock_loaded";

// Throws std::invalid_argument for a payload without a variant_id, an
// available figure and a version (the delivery is retried, then parked).
StockLevel stock_level_from_json(std::string_view payload);
std::vector<StockLevel> stock_levels_from_json(std::string_view payload);

}  // namespace emporium::catalog
