#pragma once
// The cart module's settings: the `cart` block of config/emporium.json, read
// and validated once at start with a message that names the bad key.
#include <chrono>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::cart {

struct CartConfig {
  // A guest cart untouched this long is deleted; every write extends it.
  std::chrono::hours guest_cart_ttl{720};
  // How often the expiry job looks for expired guest carts.
  std::chrono::milliseconds expiry_interval{60000};
};

kernel::Result<CartConfig> read_cart_config(const kernel::Config& config);

}  // namespace emporium::cart
