#include "demo_stock.hpp"

namespace emporium::inventory {
namespace {

// FNV-1a: stable across platforms and runs, unlike std::hash.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

DemoLevels demo_levels(std::string_view variant_id) {
  std::uint64_t hash = fnv1a(variant_id);
  bool low = hash % 8 == 0;
  std::int64_t total = low ? static_cast<std::int64_t>((hash >> 8) % 5) : 10 + static_cast<std::int64_t>((hash >> 8) % 140);
  std::int64_t second = low ? 0 : total * static_cast<std::int64_t>((hash >> 24) % 40) / 100;
  return {total - second, second};
}

}  // namespace emporium::inventory
