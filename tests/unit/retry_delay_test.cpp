#include <doctest/doctest.h>

#include <chrono>
#include <climits>
#include <limits>

#include "emporium/kernel/events.hpp"

using emporium::kernel::DispatcherOptions;
using emporium::kernel::retry_delay;
using std::chrono::milliseconds;

namespace {

DispatcherOptions options(milliseconds base, milliseconds max) {
  DispatcherOptions o;
  o.backoff_base = base;
  o.backoff_max = max;
  return o;
}

}  // namespace

TEST_CASE("retry_delay after the first failure lies between half the base and the base") {
  const auto o = options(milliseconds(500), milliseconds(300000));
  CHECK(retry_delay(o, 1, 0.0) == milliseconds(250));
  CHECK(retry_delay(o, 1, 0.5) == milliseconds(375));
  CHECK(retry_delay(o, 1, 0.999999) == milliseconds(500));
}

TEST_CASE("retry_delay doubles with each further attempt") {
  const auto o = options(milliseconds(100), milliseconds(1000000));
  CHECK(retry_delay(o, 1, 0.999999) == milliseconds(100));
  CHECK(retry_delay(o, 2, 0.999999) == milliseconds(200));
  CHECK(retry_delay(o, 3, 0.999999) == milliseconds(400));
  CHECK(retry_delay(o, 4, 0.0) == milliseconds(400));
  CHECK(retry_delay(o, 5, 0.0) == milliseconds(800));
  for (int attempts = 1; attempts < 12; ++attempts) {
    CHECK(retry_delay(o, attempts + 1, 0.0) > retry_delay(o, attempts, 0.0));
  }
}

TEST_CASE("retry_delay never exceeds backoff_max, however many attempts") {
  const auto o = options(milliseconds(500), milliseconds(300000));
  CHECK(retry_delay(o, 10, 0.999999) == milliseconds(256000));  // the last step below the cap
  for (int attempts : {11, 12, 20, 63, 64, 1000, INT_MAX}) {
    CAPTURE(attempts);
    CHECK(retry_delay(o, attempts, 0.999999) == milliseconds(300000));
    CHECK(retry_delay(o, attempts, 0.0) == milliseconds(150000));
  }
}

TEST_CASE("retry_delay keeps out-of-range inputs within bounds") {
  const auto o = options(milliseconds(500), milliseconds(300000));
  // No failure yet, or a nonsensical count, waits like the first retry.
  CHECK(retry_delay(o, 0, 0.0) == milliseconds(250));
  CHECK(retry_delay(o, -5, 0.999999) == milliseconds(500));
  CHECK(retry_delay(o, INT_MIN, 0.0) == milliseconds(250));
  CHECK(retry_delay(o, 1, -3.0) == milliseconds(250));
  CHECK(retry_delay(o, 1, 7.0) == milliseconds(500));
  CHECK(retry_delay(o, 1, std::numeric_limits<double>::quiet_NaN()) == milliseconds(250));
}

TEST_CASE("retry_delay is at least one millisecond even with a zero base") {
  CHECK(retry_delay(options(milliseconds(0), milliseconds(0)), 1, 0.0) == milliseconds(1));
  CHECK(retry_delay(options(milliseconds(1), milliseconds(5)), 1, 0.0) == milliseconds(1));
  CHECK(retry_delay(options(milliseconds(1), milliseconds(5)), 10, 0.999999) == milliseconds(5));
}

TEST_CASE("retry_delay with a cap below the base waits at most the cap") {
  const auto o = options(milliseconds(1000), milliseconds(100));
  CHECK(retry_delay(o, 1, 0.999999) == milliseconds(100));
  CHECK(retry_delay(o, 1, 0.0) == milliseconds(50));
}
