#pragma once
// Backoff of failed logins, pure. A key (an account's email, a client
// address) may fail `max_failures` times within `window`; each failure from
// then on locks it for base_lockout * 2^(failures - max_failures), capped at
// max_lockout. Attempts while locked are refused without being counted, so an
// attacker cannot extend another person's lockout for free.
#include <cstdint>

namespace emporium::user {

struct ThrottlePolicy {
  std::int64_t max_failures = 5;
  std::int64_t window_seconds = 900;
  std::int64_t base_lockout_seconds = 30;
  std::int64_t max_lockout_seconds = 900;
};

struct FailureRecord {
  std::int64_t failures = 0;
  std::int64_t window_started = 0;  // unix seconds
  std::int64_t locked_until = 0;    // unix seconds; 0: never locked
};

// Whole seconds until an attempt is allowed again; 0 when it is allowed now.
std::int64_t retry_after(const FailureRecord& record, std::int64_t now);

// The record after one more failure at `now` (a new window when the old one
// has passed and no lockout is in force).
FailureRecord after_failure(FailureRecord record, const ThrottlePolicy& policy, std::int64_t now);

}  // namespace emporium::user
