#pragma once
// Events the inventory publishes (payloads are JSON objects).
namespace emporium::inventory::events {

// {"variant_id", "product_id", "on_hand", "reserved", "available", "version"}:
// totals over all warehouses after the change. `version` counts the changes
// of the variant (1, 2, ...): events of one variant may be delivered out of
// order (and their occurred_at is the transaction's start, which does not
// follow the commit order), so a consumer keeps the highest version it has
// applied and ignores an event with a lower one.
inline constexpr const char* kStockChanged = "inventory.stock_changed";
// {"levels": [<an inventory.stock_changed payload>, ...]}: stock loaded in
// bulk (the demo data), at most 1000 variants per event, each new to the
// inventory (version 1). A consumer applies every element as it would an
// inventory.stock_changed; one event instead of thousands keeps a large
// seed from flooding the event bus.
inline constexpr const char* kStockLoaded = "inventory.stock_loaded";
// {"variant_id", "product_id", "seller_id", "available", "threshold"}: available fell to or below the threshold.
inline constexpr const char* kLowStock = "inventory.low_stock";
inline constexpr int kVersion = 1;

}  // namespace emporium::inventory::events
