#include "emporium/analytics/rebuild.hpp"

#include "analytics_module_id.hpp"
#include "emporium/kernel/event_store.hpp"
#include "sales_events.hpp"
#include "sales_model.hpp"
#include "sales_store.hpp"

namespace emporium::analytics {

RebuildReport rebuild_read_model(kernel::Database& db, const std::vector<kernel::ModuleId>& sources) {
  auto events = kernel::stored_events(db, sources, {kOrderPaid, kOrderRefunded, kOrderCancelled});
  // One transaction: readers see the old model until the new one commits.
  // An event delivered live meanwhile waits on the truncate's lock, then
  // finds itself applied (analytics.applied_events) and counts once.
  db.transact(analytics_module_id(), [&](kernel::Tx& tx) {
    SalesStore(tx).clear();
    for (const auto& event : events) apply_order_event(tx, event);
  });
  return {events.size()};
}

}  // namespace emporium::analytics
