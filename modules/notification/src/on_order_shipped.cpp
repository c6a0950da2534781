#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {
namespace {

TemplateData shipped_variables(const boost::json::object& payload) {
  return data_of(payload, {"tracking_number", "carrier"});
}

}  // namespace

void on_order_shipped(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users) {
  notify_order_customers(tx, users, events, "shipment", shipped_variables);
}

// "order.shipped": see order/events.hpp (kShipped).
void subscribe_on_order_shipped(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  subscribe_order_notices(bus, module, users, "notification.on_order_shipped", "order.shipped", on_order_shipped);
}

}  // namespace emporium::notification
