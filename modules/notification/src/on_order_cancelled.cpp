#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {

void on_order_cancelled(const kernel::Event& event, kernel::Tx& tx, user::Users& users) {
  auto payload = payload_of(event);
  TemplateData data = data_of(payload, {"reason"});
  if (auto refunded = money_of(payload, "refunded_minor"); !refunded.empty()) data.emplace("refunded", refunded);
  notify_order_customer(tx, users, event, payload, "cancellation", std::move(data));
}

// "order.cancelled": see order/events.hpp (kCancelled).
void subscribe_on_order_cancelled(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  bus.subscribe(module, "notification.on_order_cancelled", "order.cancelled",
                [&users](const kernel::Event& event, kernel::Tx& tx) { on_order_cancelled(event, tx, users); });
}

}  // namespace emporium::notification
