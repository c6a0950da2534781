// Backoff of failed logins.
#include <doctest/doctest.h>

#include "user/src/login_throttle.hpp"

using namespace emporium::user;

namespace {

const ThrottlePolicy kPolicy{5, 900, 30, 900};
constexpr std::int64_t kStart = 1'000'000;

FailureRecord fail_times(int count, std::int64_t now = kStart) {
  FailureRecord record;
  for (int i = 0; i < count; ++i) record = after_failure(record, kPolicy, now);
  return record;
}

}  // namespace

TEST_CASE("throttle allows the first max_failures - 1 failures without waiting") {
  auto record = fail_times(4);
  CHECK(record.failures == 4);
  CHECK(retry_after(record, kStart) == 0);
}

TEST_CASE("throttle locks at max_failures for the base lockout") {
  auto record = fail_times(5);
  CHECK(retry_after(record, kStart) == 30);
  CHECK(retry_after(record, kStart + 29) == 1);
  CHECK(retry_after(record, kStart + 30) == 0);
}

TEST_CASE("throttle doubles the lockout with every further failure, up to the cap") {
  auto record = fail_times(5);
  record = after_failure(record, kPolicy, kStart + 30);
  CHECK(retry_after(record, kStart + 30) == 60);
  record = after_failure(record, kPolicy, kStart + 90);
  CHECK(retry_after(record, kStart + 90) == 120);
  for (int i = 0; i < 40; ++i) record = after_failure(record, kPolicy, kStart + 100);
  CHECK(retry_after(record, kStart + 100) == 900);
}

TEST_CASE("throttle starts a new window once the old one has passed without a lockout") {
  auto record = fail_times(4);
  record = after_failure(record, kPolicy, kStart + 900);
  CHECK(record.failures == 1);
  CHECK(record.window_started == kStart + 900);
  CHECK(retry_after(record, kStart + 900) == 0);
}

TEST_CASE("throttle keeps counting while a lockout is in force, even past the window") {
  FailureRecord record{5, kStart, kStart + 2000};
  record = after_failure(record, kPolicy, kStart + 1000);
  CHECK(record.failures == 6);
}

TEST_CASE("throttle never locked: no wait") {
  CHECK(retry_after(FailureRecord{}, kStart) == 0);
}
