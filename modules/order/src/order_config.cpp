#include "order_config.hpp"

#include <boost/json/object.hpp>

namespace emporium::order {

kernel::Result<OrderConfig> read_order_config(const kernel::Config& config) {
  OrderConfig out;
  out.capture_on_checkout = config.boolean("order.capture_on_checkout");
  const auto& rates = config.at("order.tax_rates");
  if (!rates.is_object()) return kernel::Error{"config_bad_value", "config: order.tax_rates must be an object"};
  for (const auto& [country, rate] : rates.as_object()) {
    std::string code(country);
    bool upper = code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
    if (!upper || !rate.is_int64() || rate.as_int64() < 0 || rate.as_int64() > 10000) {
      return kernel::Error{"config_bad_value", "config: order.tax_rates." + code +
                                                   " must be a country code (e.g. DE) with basis points between 0 "
                                                   "and 10000"};
    }
    out.tax_rates.emplace(code, rate.as_int64());
  }
  auto after = config.integer_between("order.saga_repair_after_ms", 10, 86'400'000);
  if (!after) return after.error();
  out.saga_repair_after = std::chrono::milliseconds(after.value());
  auto interval = config.integer_between("order.saga_repair_interval_ms", 10, 3'600'000);
  if (!interval) return interval.error();
  out.saga_repair_interval = std::chrono::milliseconds(interval.value());
  return out;
}

}  // namespace emporium::order
