#pragma once
// Seconds since the Unix epoch, the unit of JWT claims and throttle state.
#include <cstdint>
#include <string>

namespace emporium::user {

std::int64_t unix_now();
// "2026-11-21T12:00:00Z"
std::string rfc3339(std::int64_t unix_seconds);

}  // namespace emporium::user
