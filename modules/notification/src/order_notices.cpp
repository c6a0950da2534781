#include "order_notices.hpp"

#include <map>

#include "event_payload.hpp"
#include "notifier.hpp"

namespace emporium::notification {

void notify_order_customers(kernel::Tx& tx, user::Users& users, const std::vector<kernel::Event>& events,
                            const std::string& template_key, OrderVariables variables) {
  std::vector<boost::json::object> payloads;
  std::vector<std::string> customer_ids;
  for (const auto& event : events) {
    payloads.push_back(payload_of(event));
    customer_ids.push_back(text_of(payloads.back(), "customer_id"));
  }
  std::map<std::string, user::UserSummary, std::less<>> customers;
  for (auto& customer : users.find_many(customer_ids)) customers.emplace(customer.id, std::move(customer));

  std::vector<Addressed> notices;
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto found = customers.find(customer_ids[i]);
    if (found == customers.end() || found->second.disabled) continue;
    const user::UserSummary& customer = found->second;
    TemplateData data = variables(payloads[i]);
    data.emplace("order_id", text_of(payloads[i], "order_id"));
    notices.push_back({{customer.id, customer.email, customer.name},
                       {events[i].id, template_key, std::move(data), Category::orders, false, {"email", "in_app"}}});
  }
  notify_many(tx, notices);
}

void subscribe_order_notices(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users,
                             std::string subscriber, std::string event_name, OrderHandler handler) {
  bus.subscribe_batch(module, std::move(subscriber), std::move(event_name),
                      [&users, handler](const std::vector<kernel::Event>& events, kernel::Tx& tx) {
                        handler(events, tx, users);
                      });
}

}  // namespace emporium::notification
