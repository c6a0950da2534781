#pragma once
// The customer messages about an order, one subscriber per file
// (on_order_*.cpp). The order module's events are subscribed to by their
// literal names (modules/order/include/emporium/order/events.hpp defines
// them and their payloads): notification depends on user only.
#include <boost/json/object.hpp>

#include <string>

#include "emporium/kernel/events.hpp"
#include "emporium/kernel/module.hpp"
#include "emporium/user/users.hpp"
#include "template_render.hpp"

namespace emporium::notification {

// Queues `template_key` for the order's customer ("customer_id" of the
// payload) by email and in-app, honouring their "orders" preferences. An
// unknown (erased) or disabled customer gets nothing.
void notify_order_customer(kernel::Tx& tx, user::Users& users, const kernel::Event& event,
                           const boost::json::object& payload, const std::string& template_key, TemplateData data);

// The handlers, callable directly by tests.
void on_order_placed(const kernel::Event& event, kernel::Tx& tx, user::Users& users);
void on_order_paid(const kernel::Event& event, kernel::Tx& tx, user::Users& users);
void on_order_shipped(const kernel::Event& event, kernel::Tx& tx, user::Users& users);
void on_order_cancelled(const kernel::Event& event, kernel::Tx& tx, user::Users& users);
void on_order_refunded(const kernel::Event& event, kernel::Tx& tx, user::Users& users);

void subscribe_on_order_placed(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_paid(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_shipped(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_cancelled(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_refunded(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);

}  // namespace emporium::notification
