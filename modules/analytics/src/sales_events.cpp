#include "sales_events.hpp"

#include <boost/json/parse.hpp>

namespace emporium::analytics {
namespace {

std::optional<std::string> text(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  return std::nullopt;
}

kernel::Error bad(const kernel::Event& event, const std::string& what) {
  return {"bad_payload", event.name + " " + event.id + ": " + what};
}

}  // namespace

kernel::Result<OrderFacts> order_facts(const kernel::Event& event) {
  boost::system::error_code ec;
  auto value = boost::json::parse(event.payload, ec);
  if (ec || !value.is_object()) return bad(event, "payload is not a JSON object");
  const auto& payload = value.as_object();
  OrderFacts facts;
  auto order_id = text(payload, "order_id");
  auto currency = text(payload, "currency");
  if (!order_id || !currency) return bad(event, "order_id or currency missing");
  facts.order_id = *order_id;
  facts.currency = *currency;
  const auto* items = payload.if_contains("items");
  if (items == nullptr || !items->is_array()) return bad(event, "items missing");
  std::int64_t lines_total = 0;
  for (const auto& item : items->as_array()) {
    if (!item.is_object()) return bad(event, "an item is not an object");
    const auto& o = item.as_object();
    auto product_id = text(o, "product_id");
    auto quantity = integer(o, "quantity");
    auto line_total = integer(o, "line_total_minor");
    if (!product_id || !quantity || !line_total) return bad(event, "an item lacks product_id, quantity or line_total_minor");
    SaleLine* line = nullptr;
    for (auto& existing : facts.lines) {
      if (existing.product_id == *product_id) line = &existing;
    }
    if (line == nullptr) {
      facts.lines.push_back({*product_id, text(o, "seller_id").value_or(""), text(o, "name").value_or(""), 0, 0});
      line = &facts.lines.back();
    }
    line->quantity += *quantity;
    line->line_total_minor += *line_total;
    lines_total += *line_total;
  }
  facts.subtotal_minor = integer(payload, "subtotal_minor").value_or(lines_total);
  facts.amount_minor = integer(payload, "amount_minor").value_or(0);
  facts.refunded_minor = integer(payload, "refunded_minor").value_or(facts.amount_minor);
  if (const auto* was_paid = payload.if_contains("was_paid"); was_paid != nullptr && was_paid->is_bool()) {
    facts.was_paid = was_paid->as_bool();
  }
  if (event.name == kOrderRefunded && !integer(payload, "amount_minor")) return bad(event, "amount_minor missing");
  return facts;
}

}  // namespace emporium::analytics
