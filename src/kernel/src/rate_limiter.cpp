#include "emporium/kernel/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace emporium::kernel {

int RateLimiter::acquire(std::string_view client, std::string_view rate_class, Clock::time_point now) {
  auto limit = limits_.find(std::string(rate_class));
  if (limit == limits_.end() || limit->second.per_second <= 0) return 0;
  const RateLimit& rule = limit->second;

  std::string key;
  key.reserve(client.size() + rate_class.size() + 1);
  key.append(rate_class).push_back('|');
  key.append(client);

  std::lock_guard lock(mutex_);
  forget_idle(now);
  auto [it, inserted] = buckets_.try_emplace(std::move(key), Bucket{rule.burst, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(rule.burst, bucket.tokens + elapsed * rule.per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return 0;
  }
  double wait = (1.0 - bucket.tokens) / rule.per_second;
  return std::max(1, static_cast<int>(std::ceil(wait)));
}

// A bucket that has been idle long enough to refill completely carries no
// state; dropping it bounds memory under many distinct clients.
void RateLimiter::forget_idle(Clock::time_point now) {
  if (now - last_sweep_ < std::chrono::seconds(60)) return;
  last_sweep_ = now;
  double slowest = 1e9;
  for (const auto& [name, rule] : limits_) {
    if (rule.per_second > 0) slowest = std::min(slowest, rule.per_second);
  }
  double max_burst = 0;
  for (const auto& [name, rule] : limits_) max_burst = std::max(max_burst, rule.burst);
  auto full_after = std::chrono::duration<double>(max_burst / slowest + 1.0);
  std::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.updated > full_after; });
}

}  // namespace emporium::kernel
