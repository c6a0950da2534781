#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {

void on_order_placed(const kernel::Event& event, kernel::Tx& tx, user::Users& users) {
  auto payload = payload_of(event);
  TemplateData data;
  if (auto total = money_of(payload, "total_minor"); !total.empty()) data.emplace("total", total);
  notify_order_customer(tx, users, event, payload, "order_confirmation", std::move(data));
}

// "order.placed": see order/events.hpp (kPlaced).
void subscribe_on_order_placed(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  bus.subscribe(module, "notification.on_order_placed", "order.placed",
                [&users](const kernel::Event& event, kernel::Tx& tx) { on_order_placed(event, tx, users); });
}

}  // namespace emporium::notification
