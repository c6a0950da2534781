#include "emporium/payment/events.hpp"
#include "order_module_id.hpp"
#include "order_store.hpp"
#include "subscribers.hpp"

namespace emporium::order {

// A payment that failed after checkout (an asynchronous card declined by
// the provider's webhook): the pending order is cancelled and its stock released.
void subscribe_payment_failed(kernel::EventBus& bus, OrderLifecycle& lifecycle) {
  bus.subscribe(order_module_id(), "order.on_payment_failed", payment::events::kFailed,
                [&lifecycle](const kernel::Event& event, kernel::Tx& tx) {
                  auto payload = parse_payload(event);
                  auto order_id = payload_text(payload, "order_id");
                  auto order = OrderStore(tx).find(order_id);
                  if (!order || order->status != "pending_payment") return;
                  auto code = payload_text(payload, "failure_code");
                  auto cancelled = lifecycle.cancel(order_id, code.empty() ? "payment_failed" : code);
                  if (!cancelled && cancelled.error().code != "invalid_transition") {
                    throw std::runtime_error("cancelling order " + order_id + ": " + cancelled.error().message);
                  }
                });
}

}  // namespace emporium::order
