#include <doctest/doctest.h>

#include "emporium/kernel/rate_limiter.hpp"

using namespace emporium::kernel;
using namespace std::chrono_literals;

TEST_CASE("rate limiter allows a burst, then asks to retry, then refills") {
  RateLimiter limiter({{"default", RateLimit{1.0, 3.0}}});
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  CHECK(limiter.acquire("10.0.0.1", "default", t0) == 0);
  CHECK(limiter.acquire("10.0.0.1", "default", t0) == 0);
  CHECK(limiter.acquire("10.0.0.1", "default", t0) == 0);
  CHECK(limiter.acquire("10.0.0.1", "default", t0) == 1);
  CHECK(limiter.acquire("10.0.0.1", "default", t0 + 1100ms) == 0);
  CHECK(limiter.acquire("10.0.0.1", "default", t0 + 1100ms) == 1);
}

TEST_CASE("rate limiter keeps separate buckets per client and per class") {
  RateLimiter limiter({{"default", RateLimit{1.0, 1.0}}, {"auth", RateLimit{0.1, 1.0}}});
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  CHECK(limiter.acquire("a", "default", t0) == 0);
  CHECK(limiter.acquire("b", "default", t0) == 0);
  CHECK(limiter.acquire("a", "auth", t0) == 0);
  CHECK(limiter.acquire("a", "auth", t0) == 10);  // 1 token at 0.1/s
}

TEST_CASE("rate limiter lets everything through for a disabled or unknown class") {
  RateLimiter limiter({{"operations", RateLimit{0.0, 0.0}}});
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 100; ++i) {
    CHECK(limiter.acquire("a", "operations", t0) == 0);
    CHECK(limiter.acquire("a", "unknown", t0) == 0);
  }
}
