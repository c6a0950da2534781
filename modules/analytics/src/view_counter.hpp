#pragma once
// Product views counted in memory on the serving thread (one short lock, no
// I/O), taken out in one batch by the flush job.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace emporium::analytics {

struct CountedViews {
  std::string product_id;
  std::int64_t slot_start = 0;  // seconds since the epoch, a multiple of kSlotSeconds
  std::int64_t views = 0;
};

class ViewCounter {
 public:
  // 15 minutes: every time zone's offset is a multiple, so a slot falls on
  // one shop-local day whatever the zone.
  static constexpr std::int64_t kSlotSeconds = 900;

  // `now_seconds`: seconds since the epoch of the view.
  void count(std::string_view product_id, std::int64_t now_seconds);
  // Everything counted since the last take, leaving the counter empty.
  std::vector<CountedViews> take();
  // Puts back a batch whose write failed, so no view is lost.
  void give_back(const std::vector<CountedViews>& batch);

 private:
  struct Key {
    std::string product_id;
    std::int64_t slot_start;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<std::string>{}(k.product_id) ^ (std::hash<std::int64_t>{}(k.slot_start) << 1);
    }
  };
  std::mutex mutex_;
  std::unordered_map<Key, std::int64_t, KeyHash> counts_;
};

}  // namespace emporium::analytics
