#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {

void on_order_shipped(const kernel::Event& event, kernel::Tx& tx, user::Users& users) {
  auto payload = payload_of(event);
  notify_order_customer(tx, users, event, payload, "shipment", data_of(payload, {"tracking_number", "carrier"}));
}

// "order.shipped": see order/events.hpp (kShipped).
void subscribe_on_order_shipped(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  bus.subscribe(module, "notification.on_order_shipped", "order.shipped",
                [&users](const kernel::Event& event, kernel::Tx& tx) { on_order_shipped(event, tx, users); });
}

}  // namespace emporium::notification
