#pragma once
// The analytics module's settings: the `analytics` block of
// config/emporium.json, validated at start with a message naming the bad key.
#include <chrono>
#include <string>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::analytics {

struct AnalyticsConfig {
  // IANA name: reports count days, weeks and months in it (checked against
  // PostgreSQL's time zone names at start).
  std::string time_zone = "UTC";
  // The reports' currency: sales in other currencies are not mixed in.
  std::string currency = "USD";
  // How often counted product views are written, in one batch.
  std::chrono::milliseconds views_flush_interval{5000};
};

// Reads and checks the shape; the time zone's existence is checked against the database at start.
kernel::Result<AnalyticsConfig> read_analytics_config(const kernel::Config& config);

}  // namespace emporium::analytics
