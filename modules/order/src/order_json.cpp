#include "order_json.hpp"

#include <boost/json/array.hpp>

#include "emporium/kernel/money.hpp"

namespace emporium::order {
namespace {

namespace json = boost::json;

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t number(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

json::value nullable(const std::string& value) { return value.empty() ? json::value(nullptr) : json::value(value); }

// What a line is, in every form it is written: the product, its seller and how many.
json::object line_fields(const OrderLine& line) {
  return {{"product_id", line.product_id},
          {"variant_id", line.variant_id},
          {"seller_id", line.seller_id},
          {"name", line.name},
          {"sku", line.sku},
          {"options", options_json(line.options)},
          {"quantity", line.quantity}};
}

json::object item_json(const OrderLine& line) {
  json::object item = line_fields(line);
  item["unit_price"] = kernel::amount_json(line.unit_price_minor);
  item["line_total"] = kernel::amount_json(line.line_total_minor);
  return item;
}

json::object shipping_json(const ShippingChoice& shipping) {
  return {{"option_id", shipping.option_id},
          {"carrier", shipping.carrier},
          {"service", shipping.service},
          {"name", shipping.name}};
}

json::object common_json(const Order& order, const std::vector<OrderLine>& lines) {
  json::array items;
  for (const auto& line : lines) items.push_back(item_json(line));
  return {{"id", order.id},
          {"status", order.status},
          {"customer_id", order.draft.customer_id},
          {"items", std::move(items)},
          {"currency", order.draft.currency},
          {"shipping_address", user::postal_address_json(order.draft.address)},
          {"shipping", shipping_json(order.draft.shipping)},
          {"created_at", order.created_at},
          {"updated_at", order.updated_at}};
}

}  // namespace

json::object options_json(const std::map<std::string, std::string>& options) {
  json::object out;
  for (const auto& [k, v] : options) out[k] = v;
  return out;
}

std::map<std::string, std::string> options_from_json(const json::value& value) {
  std::map<std::string, std::string> out;
  if (!value.is_object()) return out;
  for (const auto& [k, v] : value.as_object()) {
    if (v.is_string()) out.emplace(std::string(k), std::string(v.as_string()));
  }
  return out;
}

json::object order_json(const Order& order) {
  auto out = common_json(order, order.draft.lines);
  out["subtotal"] = kernel::amount_json(order.draft.subtotal_minor);
  out["shipping_total"] = kernel::amount_json(order.draft.shipping_minor);
  out["tax_total"] = kernel::amount_json(order.draft.tax_minor);
  out["total"] = kernel::amount_json(order.draft.total_minor);
  out["refunded_total"] = kernel::amount_json(order.refunded_minor);
  out["shipping"].as_object()["price"] = kernel::amount_json(order.draft.shipping_minor);
  if (order.payment) {
    out["payment"] = json::object{{"id", order.payment->id},
                                  {"status", order.payment->status},
                                  {"brand", order.payment->brand},
                                  {"last4", order.payment->last4}};
  } else {
    out["payment"] = nullptr;
  }
  out["cancel_reason"] = nullable(order.cancel_reason);
  out["paid_at"] = nullable(order.paid_at);
  return out;
}

json::object seller_order_json(const Order& order, const std::string& seller_id) {
  std::vector<OrderLine> mine;
  std::int64_t subtotal = 0;
  for (const auto& line : order.draft.lines) {
    if (line.seller_id != seller_id) continue;
    mine.push_back(line);
    subtotal += line.line_total_minor;
  }
  auto out = common_json(order, mine);
  out["subtotal"] = kernel::amount_json(subtotal);
  return out;
}

json::object line_json(const OrderLine& line) {
  json::object stored = line_fields(line);
  stored["unit_price_minor"] = line.unit_price_minor;
  stored["line_total_minor"] = line.line_total_minor;
  return stored;
}

json::object draft_json(const OrderDraft& draft) {
  json::array lines;
  for (const auto& line : draft.lines) lines.push_back(line_json(line));
  return {{"customer_id", draft.customer_id},
          {"cart_id", draft.cart_id},
          {"currency", draft.currency},
          {"lines", std::move(lines)},
          {"subtotal_minor", draft.subtotal_minor},
          {"shipping_minor", draft.shipping_minor},
          {"tax_minor", draft.tax_minor},
          {"total_minor", draft.total_minor},
          {"weight_grams", draft.weight_grams},
          {"address", user::postal_address_json(draft.address)},
          {"shipping", shipping_json(draft.shipping)},
          {"capture", draft.capture}};
}

OrderDraft draft_from_json(const json::object& o) {
  OrderDraft draft;
  draft.customer_id = text(o, "customer_id");
  draft.cart_id = text(o, "cart_id");
  draft.currency = text(o, "currency");
  if (const auto* lines = o.if_contains("lines"); lines != nullptr && lines->is_array()) {
    for (const auto& value : lines->as_array()) {
      const auto& l = value.as_object();
      draft.lines.push_back({text(l, "product_id"), text(l, "variant_id"), text(l, "seller_id"), text(l, "name"),
                             text(l, "sku"), options_from_json(l.at("options")), number(l, "quantity"),
                             number(l, "unit_price_minor"), number(l, "line_total_minor")});
    }
  }
  draft.subtotal_minor = number(o, "subtotal_minor");
  draft.shipping_minor = number(o, "shipping_minor");
  draft.tax_minor = number(o, "tax_minor");
  draft.total_minor = number(o, "total_minor");
  draft.weight_grams = number(o, "weight_grams");
  if (const auto* address = o.if_contains("address"); address != nullptr && address->is_object()) {
    draft.address = user::postal_address_from_json(address->as_object());
  }
  if (const auto* s = o.if_contains("shipping"); s != nullptr && s->is_object()) {
    const auto& so = s->as_object();
    draft.shipping = {text(so, "option_id"), text(so, "carrier"), text(so, "service"), text(so, "name")};
  }
  const auto* capture = o.if_contains("capture");
  draft.capture = capture == nullptr || !capture->is_bool() || capture->as_bool();
  return draft;
}

json::object event_base(const Order& order, const std::string& occurred_at) {
  return {{"order_id", order.id},
          {"customer_id", order.draft.customer_id},
          {"currency", order.draft.currency},
          {"occurred_at", occurred_at}};
}

json::array event_items(const std::vector<OrderLine>& lines) {
  json::array items;
  for (const auto& line : lines) {
    items.push_back(json::object{{"product_id", line.product_id},
                                 {"variant_id", line.variant_id},
                                 {"seller_id", line.seller_id},
                                 {"name", line.name},
                                 {"sku", line.sku},
                                 {"quantity", line.quantity},
                                 {"unit_price_minor", line.unit_price_minor},
                                 {"line_total_minor", line.line_total_minor}});
  }
  return items;
}

namespace {
void add_amounts(json::object& out, const Order& order) {
  out["items"] = event_items(order.draft.lines);
  out["subtotal_minor"] = order.draft.subtotal_minor;
  out["shipping_minor"] = order.draft.shipping_minor;
  out["tax_minor"] = order.draft.tax_minor;
  out["total_minor"] = order.draft.total_minor;
}
}  // namespace

json::object placed_payload(const Order& order, const std::string& occurred_at) {
  auto out = event_base(order, occurred_at);
  out["status"] = "pending_payment";
  add_amounts(out, order);
  out["shipping_address"] = user::postal_address_json(order.draft.address);
  return out;
}

json::object paid_payload(const Order& order, const std::string& occurred_at) {
  auto out = event_base(order, occurred_at);
  out["payment_id"] = order.payment ? order.payment->id : std::string();
  add_amounts(out, order);
  return out;
}

json::object cancelled_payload(const Order& order, bool was_paid, const std::string& occurred_at) {
  auto out = event_base(order, occurred_at);
  out["reason"] = order.cancel_reason;
  out["was_paid"] = was_paid;
  out["items"] = event_items(order.draft.lines);
  out["total_minor"] = order.draft.total_minor;
  out["refunded_minor"] = order.refunded_minor;
  return out;
}

json::object refunded_payload(const Order& order, const std::string& payment_id, std::int64_t amount_minor,
                              const std::string& occurred_at) {
  auto out = event_base(order, occurred_at);
  out["payment_id"] = payment_id;
  out["amount_minor"] = amount_minor;
  out["refunded_minor"] = order.refunded_minor;
  out["total_minor"] = order.draft.total_minor;
  out["status"] = order.status;
  out["items"] = event_items(order.draft.lines);
  return out;
}

}  // namespace emporium::order
