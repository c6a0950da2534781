#include "login_throttle.hpp"

#include <algorithm>

namespace emporium::user {

std::int64_t retry_after(const FailureRecord& record, std::int64_t now) {
  return record.locked_until > now ? record.locked_until - now : 0;
}

FailureRecord after_failure(FailureRecord record, const ThrottlePolicy& policy, std::int64_t now) {
  if (now - record.window_started >= policy.window_seconds && record.locked_until <= now) {
    record.failures = 0;
    record.window_started = now;
  }
  ++record.failures;
  if (record.failures >= policy.max_failures) {
    // The exponent is capped so the shift cannot overflow; the lockout is
    // capped anyway long before.
    auto doublings = std::min<std::int64_t>(record.failures - policy.max_failures, 30);
    auto lockout = std::min(policy.base_lockout_seconds << doublings, policy.max_lockout_seconds);
    record.locked_until = now + lockout;
  }
  return record;
}

}  // namespace emporium::user
