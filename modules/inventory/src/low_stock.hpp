#pragma once
// When a variant's stock counts as low, and when that is news.
#include <cstdint>
#include <optional>

namespace emporium::inventory {

// The threshold of a product: its own, else the configured default.
inline std::int64_t effective_threshold(std::optional<std::int64_t> own, std::int64_t configured_default) {
  return own.value_or(configured_default);
}

inline bool is_low(std::int64_t available, std::int64_t threshold) { return available <= threshold; }

// inventory.low_stock is published only when a variant goes from above its
// threshold to at or below it, not on every change while it stays low. The
// threshold may change in the same step (a product's own threshold is set).
inline bool crossed_into_low(std::int64_t available_before, std::int64_t threshold_before,
                             std::int64_t available_after, std::int64_t threshold_after) {
  return !is_low(available_before, threshold_before) && is_low(available_after, threshold_after);
}

}  // namespace emporium::inventory
