#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {
namespace {

TemplateData placed_variables(const boost::json::object& payload) {
  TemplateData data;
  if (auto total = money_of(payload, "total_minor"); !total.empty()) data.emplace("total", total);
  return data;
}

}  // namespace

void on_order_placed(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users) {
  notify_order_customers(tx, users, events, "order_confirmation", placed_variables);
}

// "order.placed": see order/events.hpp (kPlaced).
void subscribe_on_order_placed(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  subscribe_order_notices(bus, module, users, "notification.on_order_placed", "order.placed", on_order_placed);
}

}  // namespace emporium::notification
