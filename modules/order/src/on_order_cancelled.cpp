#include "emporium/order/events.hpp"
#include "order_module_id.hpp"
#include "subscribers.hpp"

namespace emporium::order {

// A cancellation's compensations (release the stock, return the money) run
// right after it, and again from here: if the first attempt failed or the
// process died in between, the bus retries until they are done.
void subscribe_order_cancelled(kernel::EventBus& bus, OrderLifecycle& lifecycle) {
  bus.subscribe(order_module_id(), "order.on_order_cancelled", events::kCancelled,
                [&lifecycle](const kernel::Event& event, kernel::Tx&) {
                  lifecycle.compensate_cancelled(payload_text(parse_payload(event), "order_id"));
                });
}

}  // namespace emporium::order
