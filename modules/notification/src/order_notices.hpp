#pragma once
// The customer messages about an order, one subscriber per file
// (on_order_*.cpp). The order module's events are subscribed to by their
// literal names (modules/order/include/emporium/order/events.hpp defines
// them and their payloads): notification depends on user only.
//
// Each subscriber handles its events in batches (EventBus::subscribe_batch):
// a batch costs one lookup of its customers and a constant number of
// statements, whatever its size. A failed batch is handed over again one
// event at a time, through the same handler with a batch of one.
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "emporium/kernel/events.hpp"
#include "emporium/kernel/module.hpp"
#include "emporium/user/users.hpp"
#include "template_render.hpp"

namespace emporium::notification {

// The template variables an order event carries, besides "order_id".
using OrderVariables = TemplateData (*)(const boost::json::object& payload);

// Queues `template_key` for each event's order customer ("customer_id" of
// the payload) by email and in-app, honouring their "orders" preferences.
// An unknown (erased) or disabled customer gets nothing. Throws, failing the
// whole batch, when a payload is not an object.
void notify_order_customers(kernel::Tx& tx, user::Users& users, const std::vector<kernel::Event>& events,
                            const std::string& template_key, OrderVariables variables);

// The handlers, callable directly by tests.
void on_order_placed(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users);
void on_order_paid(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users);
void on_order_shipped(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users);
void on_order_cancelled(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users);
void on_order_refunded(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users);

// Subscribes `handler` in batches, under the name `subscriber`.
using OrderHandler = void (*)(const std::vector<kernel::Event>& events, kernel::Tx& tx, user::Users& users);
void subscribe_order_notices(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users,
                             std::string subscriber, std::string event_name, OrderHandler handler);

void subscribe_on_order_placed(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_paid(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_shipped(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_cancelled(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);
void subscribe_on_order_refunded(kernel::EventBus& bus, const kernel::ModuleId& module, user::Users& users);

}  // namespace emporium::notification
