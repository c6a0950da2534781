#include "analytics_module_id.hpp"
#include "sales_model.hpp"
#include "sales_events.hpp"
#include "subscribers.hpp"

namespace emporium::analytics {

void subscribe_to_order_refunded(kernel::EventBus& bus) {
  bus.subscribe(analytics_module_id(), "analytics.on_order_refunded", kOrderRefunded,
                [](const kernel::Event& event, kernel::Tx& tx) { apply_order_event(tx, event); });
}

}  // namespace emporium::analytics
