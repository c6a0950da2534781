#include "rates_cache.hpp"

namespace emporium::shipping {

std::shared_ptr<const RateTable> RatesCache::get() const {
  std::lock_guard lock(mutex_);
  return trusted() ? table_ : nullptr;
}

std::uint64_t RatesCache::ticket() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void RatesCache::put(std::shared_ptr<const RateTable> table, std::uint64_t ticket) {
  std::lock_guard lock(mutex_);
  if (ticket != generation_ || !trusted()) return;
  table_ = std::move(table);
}

void RatesCache::invalidate() {
  std::lock_guard lock(mutex_);
  ++generation_;
  table_.reset();
}

void RatesCache::trust_until(Clock::time_point until) {
  std::lock_guard lock(mutex_);
  trusted_until_ = until;
}

bool RatesCache::trusted() const { return now_() < trusted_until_; }

}  // namespace emporium::shipping
