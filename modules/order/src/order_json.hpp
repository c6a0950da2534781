#pragma once
// JSON shapes of the order module: the contract's order, the saga's stored
// draft, and the payloads of the events in emporium/order/events.hpp.
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "order_types.hpp"

namespace emporium::order {

// The contract's order: {id, status, items, subtotal, shipping_total,
// tax_total, total, refunded_total, currency, shipping_address, shipping,
// payment, cancel_reason, created_at, updated_at, paid_at}.
boost::json::object order_json(const Order& order);
// What a seller sees: only their lines and their lines' subtotal; no
// payment, no order-wide totals.
boost::json::object seller_order_json(const Order& order, const std::string& seller_id);

// The saga's copy of the order to be (stored as jsonb), and back.
boost::json::object draft_json(const OrderDraft& draft);
// One line as the saga's draft and the order's line insert keep it.
boost::json::object line_json(const OrderLine& line);
OrderDraft draft_from_json(const boost::json::object& object);
boost::json::object options_json(const std::map<std::string, std::string>& options);
std::map<std::string, std::string> options_from_json(const boost::json::value& value);

// Event payloads: {"order_id", "customer_id", "currency", "occurred_at"} and
// each event's own fields (emporium/order/events.hpp).
boost::json::object event_base(const Order& order, const std::string& occurred_at);
boost::json::array event_items(const std::vector<OrderLine>& lines);
boost::json::object placed_payload(const Order& order, const std::string& occurred_at);
boost::json::object paid_payload(const Order& order, const std::string& occurred_at);
boost::json::object cancelled_payload(const Order& order, bool was_paid, const std::string& occurred_at);
boost::json::object refunded_payload(const Order& order, const std::string& payment_id, std::int64_t amount_minor,
                                     const std::string& occurred_at);

}  // namespace emporium::order
