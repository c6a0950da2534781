#include "inventory_config.hpp"

namespace emporium::inventory {

kernel::Result<InventoryConfig> read_inventory_config(const kernel::Config& config) {
  InventoryConfig out;
  auto ttl = config.integer_between("inventory.reservation_ttl_seconds", 1, 7 * 86400);
  if (!ttl) return ttl.error();
  out.reservation_ttl = std::chrono::seconds(ttl.value());
  auto threshold = config.integer_between("inventory.low_stock_threshold", 0, 1'000'000);
  if (!threshold) return threshold.error();
  out.low_stock_threshold = threshold.value();
  auto interval = config.integer_between("inventory.expiry_interval_ms", 50, 3'600'000);
  if (!interval) return interval.error();
  out.expiry_interval = std::chrono::milliseconds(interval.value());
  return out;
}

}  // namespace emporium::inventory
