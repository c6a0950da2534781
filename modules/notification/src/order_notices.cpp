#include "order_notices.hpp"

#include "event_payload.hpp"
#include "notifier.hpp"

namespace emporium::notification {

void notify_order_customer(kernel::Tx& tx, user::Users& users, const kernel::Event& event,
                           const boost::json::object& payload, const std::string& template_key, TemplateData data) {
  auto customer = users.find(text_of(payload, "customer_id"));
  if (!customer || customer->disabled) return;
  data.emplace("order_id", text_of(payload, "order_id"));
  notify(tx, {customer->id, customer->email, customer->name},
         {event.id, template_key, std::move(data), Category::orders, false, {"email", "in_app"}});
}

}  // namespace emporium::notification
