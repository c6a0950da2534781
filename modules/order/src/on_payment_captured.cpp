#include "emporium/payment/events.hpp"
#include "order_module_id.hpp"
#include "order_store.hpp"
#include "subscribers.hpp"

namespace emporium::order {

// A capture after checkout (an admin capture, a provider webhook): the
// pending order becomes paid. An order the checkout already settled is left
// alone; a cancelled one gets its money back.
void subscribe_payment_captured(kernel::EventBus& bus, OrderLifecycle& lifecycle) {
  bus.subscribe(order_module_id(), "order.on_payment_captured", payment::events::kCaptured,
                [&lifecycle](const kernel::Event& event, kernel::Tx& tx) {
                  auto payload = parse_payload(event);
                  auto order_id = payload_text(payload, "order_id");
                  auto order = OrderStore(tx).find(order_id);
                  if (!order || (order->status != "pending_payment" && order->status != "cancelled")) return;
                  auto payment = lifecycle.ports().payments.for_order(order_id);
                  if (!payment) {
                    payment = payment::PaymentSummary{};
                    payment->id = payload_text(payload, "payment_id");
                    payment->status = "captured";
                  }
                  lifecycle.settle_paid(order_id, *payment);
                });
}

}  // namespace emporium::order
