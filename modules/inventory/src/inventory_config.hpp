#pragma once
// The inventory module's settings: the `inventory` block of
// config/emporium.json, read and validated once at start with a message that
// names the bad key.
#include <chrono>
#include <cstdint>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::inventory {

struct InventoryConfig {
  // How long a reservation holds stock before the expiry job gives it back.
  std::chrono::seconds reservation_ttl{900};
  // Low-stock threshold of products without their own.
  std::int64_t low_stock_threshold = 5;
  // How often the expiry job looks for due reservations.
  std::chrono::milliseconds expiry_interval{10000};
};

kernel::Result<InventoryConfig> read_inventory_config(const kernel::Config& config);

}  // namespace emporium::inventory
