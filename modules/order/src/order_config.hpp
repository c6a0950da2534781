#pragma once
// The order module's settings: the `order` block of config/emporium.json,
// read and validated once at start with a message that names the bad key.
#include <chrono>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"
#include "pricing.hpp"

namespace emporium::order {

struct OrderConfig {
  // false: checkout only authorizes; an admin captures later.
  bool capture_on_checkout = true;
  TaxRates tax_rates;
  // A saga untouched this long is taken to have crashed and is repaired.
  std::chrono::milliseconds saga_repair_after{30000};
  std::chrono::milliseconds saga_repair_interval{5000};
};

kernel::Result<OrderConfig> read_order_config(const kernel::Config& config);

}  // namespace emporium::order
