#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {

void on_order_paid(const kernel::Event& event, kernel::Tx& tx, user::Users& users) {
  auto payload = payload_of(event);
  TemplateData data;
  if (auto amount = money_of(payload, "total_minor"); !amount.empty()) data.emplace("amount", amount);
  notify_order_customer(tx, users, event, payload, "payment_receipt", std::move(data));
}

// "order.paid": see order/events.hpp (kPaid).
void subscribe_on_order_paid(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  bus.subscribe(module, "notification.on_order_paid", "order.paid",
                [&users](const kernel::Event& event, kernel::Tx& tx) { on_order_paid(event, tx, users); });
}

}  // namespace emporium::notification
