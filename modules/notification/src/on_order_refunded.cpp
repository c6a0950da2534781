#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {

void on_order_refunded(const kernel::Event& event, kernel::Tx& tx, user::Users& users) {
  auto payload = payload_of(event);
  TemplateData data;
  if (auto amount = money_of(payload, "amount_minor"); !amount.empty()) data.emplace("amount", amount);
  notify_order_customer(tx, users, event, payload, "refund", std::move(data));
}

// "order.refunded": see order/events.hpp (kRefunded).
void subscribe_on_order_refunded(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  bus.subscribe(module, "notification.on_order_refunded", "order.refunded",
                [&users](const kernel::Event& event, kernel::Tx& tx) { on_order_refunded(event, tx, users); });
}

}  // namespace emporium::notification
