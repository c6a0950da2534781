#pragma once
// Token buckets per (client address, route class). Thread-safe.
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "emporium/kernel/kernel_config.hpp"

namespace emporium::kernel {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(std::map<std::string, RateLimit> limits) : limits_(std::move(limits)) {}

  // 0 when the request may pass, else the whole seconds to wait (Retry-After).
  int acquire(std::string_view client, std::string_view rate_class, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void forget_idle(Clock::time_point now);

  std::map<std::string, RateLimit> limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_{};
};

}  // namespace emporium::kernel
