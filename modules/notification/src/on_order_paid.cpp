#include "event_payload.hpp"
#include "order_notices.hpp"

namespace emporium::notification {
namespace {

TemplateData paid_variables(const boost::json::object& payload) {
  TemplateData data;
  if (auto amount = money_of(payload, "total_minor"); !amount.empty()) data.emplace("amount", amount);
  return data;
}

}  // namespace

void on_order_paid(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users) {
  notify_order_customers(tx, users, events, "payment_receipt", paid_variables);
}

// "order.paid": see order/events.hpp (kPaid).
void subscribe_on_order_paid(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users) {
  subscribe_order_notices(bus, module, users, "notification.on_order_paid", "order.paid", on_order_paid);
}

}  // namespace emporium::notification
