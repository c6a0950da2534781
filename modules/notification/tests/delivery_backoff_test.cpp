// The delivery retry schedule: exponential with jitter, capped.
#include <doctest/doctest.h>

#include "emporium/kernel/events.hpp"

TEST_CASE("delivery backoff doubles, stays within [delay/2, delay] and is capped") {
  emporium::kernel::DispatcherOptions options;
  options.backoff_base = std::chrono::milliseconds(1000);
  options.backoff_max = std::chrono::milliseconds(10000);
  using emporium::kernel::retry_delay;
  for (int attempts = 1; attempts <= 6; ++attempts) {
    auto full = std::min<long long>(1000LL << (attempts - 1), 10000);
    auto low = retry_delay(options, attempts, 0.0).count();
    auto high = retry_delay(options, attempts, 0.999).count();
    CHECK(low >= full / 2 - 1);
    CHECK(high <= full);
    CHECK(low <= high);
  }
  CHECK(retry_delay(options, 30, 0.5).count() <= 10000);
}
