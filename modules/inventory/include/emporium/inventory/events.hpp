#pragma once
// Events the inventory publishes (payloads are JSON objects).
namespace emporium::inventory::events {

// {"variant_id", "product_id", "on_hand", "reserved", "available"}: totals over all warehouses.
inline constexpr const char* kStockChanged = "inventory.stock_changed";
// {"variant_id", "product_id", "seller_id", "available", "threshold"}: available fell to or below the threshold.
inline constexpr const char* kLowStock = "inventory.low_stock";
inline constexpr int kVersion = 1;

}  // namespace emporium::inventory::events
