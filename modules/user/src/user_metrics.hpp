#pragma once
// The module's business counters in /metrics: sign-ups, and sign-ins by
// outcome, so an operator sees a guessing attack or a stolen refresh token.
#include "emporium/kernel/metrics.hpp"

namespace emporium::user {

struct UserMetrics {
  explicit UserMetrics(kernel::Metrics& metrics)
      : registrations(metrics.counter("emporium_user_registrations_total", "Accounts created.")),
        logins(metrics.counter("emporium_user_logins_total", "Successful sign-ins.")),
        failed_logins(metrics.counter("emporium_user_failed_logins_total", "Sign-ins refused for wrong credentials.")),
        throttled_logins(metrics.counter("emporium_user_throttled_logins_total",
                                         "Sign-ins refused because the account or address was locked.")),
        refresh_reuses(metrics.counter("emporium_user_refresh_token_reuses_total",
                                       "Used refresh tokens presented again (their sessions were revoked).")) {}

  kernel::Counter& registrations;
  kernel::Counter& logins;
  kernel::Counter& failed_logins;
  kernel::Counter& throttled_logins;
  kernel::Counter& refresh_reuses;
};

}  // namespace emporium::user
