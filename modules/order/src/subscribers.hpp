#pragma once
// The order module's event subscribers, one per file. Each is idempotent:
// the inbox drops repeats, and each only moves an order the state machine
// lets it move.
#include "emporium/kernel/events.hpp"
#include "order_lifecycle.hpp"
#include "order_service.hpp"

namespace emporium::order {

void subscribe_payment_captured(kernel::EventBus& bus, OrderLifecycle& lifecycle);
void subscribe_payment_failed(kernel::EventBus& bus, OrderLifecycle& lifecycle);
void subscribe_payment_refunded(kernel::EventBus& bus, OrderLifecycle& lifecycle);
void subscribe_order_cancelled(kernel::EventBus& bus, OrderLifecycle& lifecycle);
void subscribe_user_deleted(kernel::EventBus& bus, OrderService& orders);

// The field of an event's JSON payload, "" or 0 when missing.
std::string payload_text(const boost::json::object& payload, std::string_view field);
std::int64_t payload_integer(const boost::json::object& payload, std::string_view field);
boost::json::object parse_payload(const kernel::Event& event);

}  // namespace emporium::order
