#pragma once
// The shipping module's settings: the `shipping` block of
// config/emporium.json, read and validated once at start with a message that
// names the bad key.
#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/user/postal_address.hpp"
#include "rate_table.hpp"

namespace emporium::shipping {

struct ShippingConfig {
  // The rate table until an admin saves one with PUT /shipping/rates.
  RateTable default_rates;
  // The FROM block of every label.
  user::PostalAddress sender;
};

kernel::Result<ShippingConfig> read_shipping_config(const kernel::Config& config,
                                                    const std::vector<std::string>& known_carriers);

}  // namespace emporium::shipping
