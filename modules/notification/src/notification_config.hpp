#pragma once
// The notification module's settings: top-level `smtp_url`, `mail_from` and
// `data_dir`, and the `notification` block of config/emporium.json.
#include <chrono>
#include <string>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/events.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::notification {

struct NotificationConfig {
  std::string smtp_url;   // empty: .eml files under <data_dir>/mail/
  std::string mail_from;  // sender address
  std::string data_dir;
  std::chrono::milliseconds smtp_timeout{10000};
  std::chrono::milliseconds poll_interval{1000};
  // Attempts, backoff base and cap for deliveries (kernel::retry_delay).
  kernel::DispatcherOptions retry;
};

kernel::Result<NotificationConfig> read_notification_config(const kernel::Config& config);

}  // namespace emporium::notification
