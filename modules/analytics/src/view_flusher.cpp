#include "view_flusher.hpp"

#include <map>
#include <utility>

#include "analytics_module_id.hpp"
#include "emporium/kernel/log.hpp"
#include "sales_store.hpp"

namespace emporium::analytics {

std::size_t ViewFlusher::flush() {
  auto batch = counter_.take();
  if (batch.empty()) return 0;
  try {
    std::map<std::string, std::pair<std::string, std::string>> labels;  // product -> (seller, name)
    for (const auto& c : batch) {
      if (labels.contains(c.product_id)) continue;
      auto& label = labels[c.product_id];
      if (catalog_ == nullptr) continue;
      auto variants = catalog_->variants_of(c.product_id);
      if (!variants.empty()) label = {variants.front().seller_id, variants.front().product_name};
    }
    std::vector<ViewCount> rows;
    rows.reserve(batch.size());
    for (const auto& c : batch) {
      const auto& label = labels[c.product_id];
      rows.push_back({c.product_id, c.slot_start, c.views, label.first, label.second});
    }
    db_.transact(analytics_module_id(), [&](kernel::Tx& tx) { SalesStore(tx).add_views(rows, time_zone_); });
    return rows.size();
  } catch (const std::exception& e) {
    counter_.give_back(batch);
    kernel::log::error("analytics", "flushing product views failed", {{"error", std::string_view(e.what())}});
    return 0;
  }
}

}  // namespace emporium::analytics
