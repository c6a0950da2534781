#include "analytics_config.hpp"

#include "emporium/kernel/money.hpp"

namespace emporium::analytics {

kernel::Result<AnalyticsConfig> read_analytics_config(const kernel::Config& config) {
  AnalyticsConfig out;
  out.time_zone = config.string("analytics.time_zone");
  if (out.time_zone.empty() || out.time_zone.size() > 64) {
    return kernel::Error{"config_bad_value", "config: analytics.time_zone must be an IANA time zone name such as Europe/Berlin"};
  }
  out.currency = config.string("analytics.currency");
  if (!kernel::is_supported_currency(out.currency)) {
    return kernel::Error{"config_bad_value", "config: analytics.currency must be a supported ISO 4217 code such as USD"};
  }
  auto interval = config.integer_between("analytics.views_flush_interval_ms", 10, 3'600'000);
  if (!interval) return interval.error();
  out.views_flush_interval = std::chrono::milliseconds(interval.value());
  return out;
}

}  // namespace emporium::analytics
