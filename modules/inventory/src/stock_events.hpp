#pragma once
// The payloads of the events this module publishes (names in
// emporium/inventory/events.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "stock_types.hpp"

namespace emporium::inventory {

// Totals over all warehouses after the change; `version` grows by one with
// every change of the variant, so a consumer can drop an older event that
// arrives after a newer one.
std::string stock_changed_payload(const VariantOwner& owner, std::int64_t on_hand, std::int64_t reserved,
                                  std::int64_t version);

struct StockFigures {
  VariantOwner owner;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t version = 0;
};

// {"levels": [...]}: one stock_changed payload per variant.
std::string stock_loaded_payload(const std::vector<StockFigures>& levels);

std::string low_stock_payload(const VariantOwner& owner, std::int64_t available, std::int64_t threshold);

}  // namespace emporium::inventory
