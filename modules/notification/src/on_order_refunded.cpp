#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {
namespace {

TemplateData refunded_variables(const boost::json::object& payload) {
  TemplateData data;
  if (auto amount = money_of(payload, "amount_minor"); !amount.empty()) data.emplace("amount", amount);
  return data;
}

}  // namespace

void on_order_refunded(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users) {
  notify_order_customers(tx, users, events, "refund", refunded_variables);
}

// "order.refunded": see order/events.hpp (kRefunded).
void subscribe_on_order_refunded(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  subscribe_order_notices(bus, module, users, "notification.on_order_refunded", "order.refunded", on_order_refunded);
}

}  // namespace emporium::notification
