#include "view_counter.hpp"

namespace emporium::analytics {

void ViewCounter::count(std::string_view product_id, std::int64_t now_seconds) {
  Key key{std::string(product_id), now_seconds - (now_seconds % kSlotSeconds + kSlotSeconds) % kSlotSeconds};
  std::lock_guard lock(mutex_);
  ++counts_[std::move(key)];
}

std::vector<CountedViews> ViewCounter::take() {
  std::unordered_map<Key, std::int64_t, KeyHash> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(counts_);
  }
  std::vector<CountedViews> out;
  out.reserve(taken.size());
  for (auto& [key, views] : taken) out.push_back({key.product_id, key.slot_start, views});
  return out;
}

void ViewCounter::give_back(const std::vector<CountedViews>& batch) {
  std::lock_guard lock(mutex_);
  for (const auto& c : batch) counts_[Key{c.product_id, c.slot_start}] += c.views;
}

}  // namespace emporium::analytics
