#pragma once
// This instance's copy of the active rate table, so that a quote and an
// order do not each read and parse it. An admin's replacement drops it on
// this instance at once, and on the others through the cache feed
// (kernel/cache_feed.hpp): they are trusted only while their feed is alive,
// so another instance quotes the old rates for at most about a ping
// interval (200 ms), and never for more than the trust window (1 s).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>

#include "emporium/kernel/cache_feed.hpp"
#include "rate_table.hpp"

namespace emporium::shipping {

inline constexpr std::string_view kRatesChannel = "emporium_shipping_rates";

class RatesCache final : public kernel::FeedCache {
 public:
  explicit RatesCache(std::function<Clock::time_point()> now = Clock::now) : now_(std::move(now)) {}

  // The cached table; null when there is none or the feed is not trusted.
  std::shared_ptr<const RateTable> get() const;
  // Taken before reading the database: put() drops a table read before an
  // invalidation that came after the ticket.
  std::uint64_t ticket() const;
  void put(std::shared_ptr<const RateTable> table, std::uint64_t ticket);
  void invalidate();

  void apply(std::string_view) override { invalidate(); }
  void trust_until(Clock::time_point until) override;
  void forget_all() override { invalidate(); }

 private:
  bool trusted() const;  // with mutex_ held

  std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  std::shared_ptr<const RateTable> table_;
  std::uint64_t generation_ = 0;
  Clock::time_point trusted_until_{};
};

}  // namespace emporium::shipping
