#include "emporium/payment/events.hpp"
#include "order_module_id.hpp"
#include "order_store.hpp"
#include "subscribers.hpp"

namespace emporium::order {

// A capture after checkout (an admin capture, a provider webhook): the
// pending order becomes paid. An order the checkout already settled, the
// usual case, is left alone; a cancelled one gets its money back. One
// statement per batch finds the orders that need anything.
void subscribe_payment_captured(kernel::EventBus& bus, OrderLifecycle& lifecycle) {
  bus.subscribe_batch(
      order_module_id(), "order.on_payment_captured", payment::events::kCaptured,
      [&lifecycle](const std::vector<kernel::Event>& events, kernel::Tx& tx) {
        std::vector<boost::json::object> payloads;
        std::vector<std::string> order_ids;
        for (const auto& event : events) {
          payloads.push_back(parse_payload(event));
          order_ids.push_back(payload_text(payloads.back(), "order_id"));
        }
        const auto awaiting = OrderStore(tx).awaiting_capture(order_ids);
        for (std::size_t i = 0; i < events.size(); ++i) {
          const std::string& order_id = order_ids[i];
          if (!awaiting.contains(order_id)) continue;
          auto payment = lifecycle.ports().payments.for_order(order_id);
          if (!payment) {
            payment = payment::PaymentSummary{};
            payment->id = payload_text(payloads[i], "payment_id");
            payment->status = "captured";
          }
          lifecycle.settle_paid(order_id, *payment);
        }
      });
}

}  // namespace emporium::order
