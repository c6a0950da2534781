#include "inventory_config.hpp"

#include <string>

namespace emporium::inventory {
namespace {

kernel::Result<std::int64_t> bounded(const kernel::Config& config, const std::string& key, std::int64_t min,
                                     std::int64_t max) {
  auto value = config.integer(key);
  if (value < min || value > max) {
    return kernel::Error{"config_bad_value", "config: " + key + " must be between " + std::to_string(min) + " and " +
                                                 std::to_string(max) + ", got " + std::to_string(value)};
  }
  return value;
}

}  // namespace

kernel::Result<InventoryConfig> read_inventory_config(const kernel::Config& config) {
  InventoryConfig out;
  auto ttl = bounded(config, "inventory.reservation_ttl_seconds", 1, 7 * 86400);
  if (!ttl) return ttl.error();
  out.reservation_ttl = std::chrono::seconds(ttl.value());
  auto threshold = bounded(config, "inventory.low_stock_threshold", 0, 1'000'000);
  if (!threshold) return threshold.error();
  out.low_stock_threshold = threshold.value();
  auto interval = bounded(config, "inventory.expiry_interval_ms", 50, 3'600'000);
  if (!interval) return interval.error();
  out.expiry_interval = std::chrono::milliseconds(interval.value());
  return out;
}

}  // namespace emporium::inventory
