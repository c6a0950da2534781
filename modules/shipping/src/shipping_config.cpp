#include "shipping_config.hpp"

namespace emporium::shipping {

kernel::Result<ShippingConfig> read_shipping_config(const kernel::Config& config,
                                                    const std::vector<std::string>& known_carriers) {
  ShippingConfig out;
  const auto& rates = config.at("shipping.default_rates");
  if (!rates.is_object()) return kernel::Error{"config_bad_value", "config: shipping.default_rates must be an object"};
  auto parsed = parse_rate_table(rates.as_object(), known_carriers);
  if (!parsed.table) {
    const auto& first = parsed.errors.front();
    return kernel::Error{"config_bad_value", "config: shipping.default_rates." + first.field + " " + first.message};
  }
  out.default_rates = std::move(*parsed.table);

  const auto& sender = config.at("shipping.sender");
  if (!sender.is_object()) return kernel::Error{"config_bad_value", "config: shipping.sender must be an object"};
  out.sender = user::normalize_address(user::postal_address_from_json(sender.as_object()));
  auto errors = user::address_errors(out.sender);
  if (!errors.empty()) {
    return kernel::Error{"config_bad_value", "config: shipping.sender." + errors.front().field + " " + errors.front().message};
  }
  return out;
}

}  // namespace emporium::shipping
