#include "cart_config.hpp"

namespace emporium::cart {

kernel::Result<CartConfig> read_cart_config(const kernel::Config& config) {
  CartConfig out;
  auto ttl = config.integer_between("cart.guest_cart_ttl_hours", 1, 24 * 366);
  if (!ttl) return ttl.error();
  out.guest_cart_ttl = std::chrono::hours(ttl.value());
  auto interval = config.integer_between("cart.expiry_interval_ms", 50, 3'600'000);
  if (!interval) return interval.error();
  out.expiry_interval = std::chrono::milliseconds(interval.value());
  return out;
}

}  // namespace emporium::cart
