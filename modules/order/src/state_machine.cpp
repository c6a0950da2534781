#include "state_machine.hpp"

#include <array>
#include <utility>

namespace emporium::order {
namespace {

using enum OrderStatus;

constexpr std::array<std::pair<OrderStatus, std::string_view>, 7> kNames{{
    {pending_payment, "pending_payment"},
    {paid, "paid"},
    {shipped, "shipped"},
    {delivered, "delivered"},
    {cancelled, "cancelled"},
    {refunded, "refunded"},
    {partially_refunded, "partially_refunded"},
}};

// The contract's transitions; everything else is forbidden.
constexpr std::array<std::pair<OrderStatus, OrderStatus>, 14> kAllowed{{
    {pending_payment, paid},
    {pending_payment, cancelled},
    {paid, shipped},
    {paid, cancelled},
    {paid, refunded},
    {paid, partially_refunded},
    {partially_refunded, shipped},
    {partially_refunded, refunded},
    {partially_refunded, cancelled},
    {shipped, delivered},
    {shipped, refunded},
    {shipped, partially_refunded},
    {delivered, refunded},
    {delivered, partially_refunded},
}};

}  // namespace

std::string_view status_name(OrderStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "unknown";
}

std::optional<OrderStatus> parse_status(std::string_view name) {
  for (const auto& [value, known] : kNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

bool can_transition(OrderStatus from, OrderStatus to) {
  for (const auto& [a, b] : kAllowed) {
    if (a == from && b == to) return true;
  }
  return false;
}

std::vector<OrderStatus> next_statuses(OrderStatus from) {
  std::vector<OrderStatus> out;
  for (const auto& [a, b] : kAllowed) {
    if (a == from) out.push_back(b);
  }
  return out;
}

bool is_before_shipment(OrderStatus status) {
  return status == pending_payment || status == paid || status == partially_refunded;
}

}  // namespace emporium::order
