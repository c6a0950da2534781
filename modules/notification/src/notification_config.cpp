#include "notification_config.hpp"

namespace emporium::notification {
namespace {

kernel::Result<std::int64_t> bounded(const kernel::Config& config, const std::string& key, std::int64_t min,
                                     std::int64_t max) {
  auto value = config.integer(key);
  if (value < min || value > max) {
    return kernel::Error{"config_bad_value", "config: " + key + " must be between " + std::to_string(min) + " and " +
                                                 std::to_string(max) + ", got " + std::to_string(value)};
  }
  return value;
}

}  // namespace

kernel::Result<NotificationConfig> read_notification_config(const kernel::Config& config) {
  NotificationConfig out;
  out.smtp_url = config.string("smtp_url");
  out.mail_from = config.string("mail_from");
  out.data_dir = config.string("data_dir");
  if (out.mail_from.find('@') == std::string::npos) {
    return kernel::Error{"config_bad_value", "config: mail_from must be an email address, got '" + out.mail_from + "'"};
  }
  if (!out.smtp_url.empty() && out.smtp_url.rfind("smtp://", 0) != 0 && out.smtp_url.rfind("smtps://", 0) != 0) {
    return kernel::Error{"config_bad_value", "config: smtp_url must start with smtp:// or smtps://"};
  }
  auto attempts = bounded(config, "notification.max_attempts", 1, 100);
  if (!attempts) return attempts.error();
  auto base = bounded(config, "notification.backoff_base_ms", 1, 3600000);
  if (!base) return base.error();
  auto cap = bounded(config, "notification.backoff_max_ms", 1, 86400000);
  if (!cap) return cap.error();
  auto poll = bounded(config, "notification.poll_interval_ms", 10, 600000);
  if (!poll) return poll.error();
  auto timeout = bounded(config, "notification.smtp_timeout_ms", 100, 600000);
  if (!timeout) return timeout.error();
  out.retry.max_attempts = static_cast<int>(attempts.value());
  out.retry.backoff_base = std::chrono::milliseconds(base.value());
  out.retry.backoff_max = std::chrono::milliseconds(cap.value());
  out.poll_interval = std::chrono::milliseconds(poll.value());
  out.smtp_timeout = std::chrono::milliseconds(timeout.value());
  return out;
}

}  // namespace emporium::notification
