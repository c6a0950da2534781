#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {
namespace {

TemplateData cancelled_variables(const boost::json::object& payload) {
  TemplateData data = data_of(payload, {"reason"});
  if (auto refunded = money_of(payload, "refunded_minor"); !refunded.empty()) data.emplace("refunded", refunded);
  return data;
}

}  // namespace

void on_order_cancelled(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users) {
  notify_order_customers(tx, users, events, "cancellation", cancelled_variables);
}

// "order.cancelled": see order/events.hpp (kCancelled).
void subscribe_on_order_cancelled(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  subscribe_order_notices(bus, module, users, "notification.on_order_cancelled", "order.cancelled", on_order_cancelled);
}

}  // namespace emporium::notification
