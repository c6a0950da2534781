#include "analytics_module_id.hpp"
#include "sales_events.hpp"
#include "sales_model.hpp"
#include "subscribers.hpp"

namespace emporium::analytics {

// A batch subscriber: the paid orders of a batch are one per order, so
// their facts go in together.
void subscribe_to_order_paid(kernel::EventBus& bus) {
  bus.subscribe_batch(analytics_module_id(), "analytics.on_order_paid", kOrderPaid,
                      [](const std::vector<kernel::Event>& events, kernel::Tx& tx) { apply_order_events(tx, events); });
}

}  // namespace emporium::analytics
