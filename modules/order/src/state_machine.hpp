#pragma once
// The order state machine: the one place that says which status may follow
// which. Pure: no I/O.
#include <optional>
#include <string_view>
#include <vector>

namespace emporium::order {

enum class OrderStatus { pending_payment, paid, shipped, delivered, cancelled, refunded, partially_refunded };

std::string_view status_name(OrderStatus status);
std::optional<OrderStatus> parse_status(std::string_view name);

// Whether `to` may follow `from`. A status never follows itself.
bool can_transition(OrderStatus from, OrderStatus to);
std::vector<OrderStatus> next_statuses(OrderStatus from);

// Before shipment: the owner may still cancel.
bool is_before_shipment(OrderStatus status);

}  // namespace emporium::order
