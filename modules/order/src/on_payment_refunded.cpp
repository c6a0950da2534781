#include "emporium/payment/events.hpp"
#include "order_module_id.hpp"
#include "subscribers.hpp"

namespace emporium::order {

// An admin refund: the order becomes refunded or partially_refunded
// (order.refunded). Out of order deliveries only ever raise refunded_minor.
void subscribe_payment_refunded(kernel::EventBus& bus, OrderLifecycle& lifecycle) {
  bus.subscribe(order_module_id(), "order.on_payment_refunded", payment::events::kRefunded,
                [&lifecycle](const kernel::Event& event, kernel::Tx& tx) {
                  auto payload = parse_payload(event);
                  lifecycle.apply_refund(tx, payload_text(payload, "order_id"), payload_text(payload, "payment_id"),
                                         payload_integer(payload, "amount_minor"),
                                         payload_integer(payload, "refunded_minor"));
                });
}

}  // namespace emporium::order
