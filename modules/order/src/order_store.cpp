#include "order_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "order_json.hpp"

namespace emporium::order {
namespace {

namespace json = boost::json;

#define EMPORIUM_RFC3339(column) "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

const std::string kOrderColumns =
    "o.id, o.status, o.customer_id, o.cart_id, o.currency, o.subtotal_minor, o.shipping_minor, o.tax_minor, "
    "o.total_minor, o.refunded_minor, o.shipping_address::text, o.shipping_option_id, o.shipping_carrier, "
    "o.shipping_service, o.shipping_name, o.weight_grams, COALESCE(o.payment_id, ''), COALESCE(o.payment_status, ''), "
    "COALESCE(o.payment_brand, ''), COALESCE(o.payment_last4, ''), o.stock_committed::int, COALESCE(o.cancel_reason, ''), "
    EMPORIUM_RFC3339("o.created_at") ", " EMPORIUM_RFC3339("o.updated_at") ", "
    "COALESCE(" EMPORIUM_RFC3339("o.paid_at") ", ''), "
    "(SELECT COALESCE(jsonb_agg(jsonb_build_object('product_id', l.product_id, 'variant_id', l.variant_id, "
    "'seller_id', l.seller_id, 'name', l.name, 'sku', l.sku, 'options', l.options, 'quantity', l.quantity, "
    "'unit_price_minor', l.unit_price_minor, 'line_total_minor', l.line_total_minor) ORDER BY l.position), "
    "'[]'::jsonb)::text FROM orders.order_lines l WHERE l.order_id = o.id)";

Order order_from_row(const soci::row& row) {
  Order order;
  order.id = row.get<std::string>(0);
  order.status = row.get<std::string>(1);
  auto& d = order.draft;
  d.customer_id = row.get<std::string>(2);
  d.cart_id = row.get<std::string>(3);
  d.currency = row.get<std::string>(4);
  d.subtotal_minor = row.get<long long>(5);
  d.shipping_minor = row.get<long long>(6);
  d.tax_minor = row.get<long long>(7);
  d.total_minor = row.get<long long>(8);
  order.refunded_minor = row.get<long long>(9);
  d.address = user::postal_address_from_json(json::parse(row.get<std::string>(10)).as_object());
  d.shipping = {row.get<std::string>(11), row.get<std::string>(12), row.get<std::string>(13),
                row.get<std::string>(14)};
  d.weight_grams = row.get<long long>(15);
  if (auto id = row.get<std::string>(16); !id.empty()) {
    order.payment = PaymentInfo{id, row.get<std::string>(17), row.get<std::string>(18), row.get<std::string>(19)};
  }
  order.stock_committed = row.get<int>(20) != 0;
  order.cancel_reason = row.get<std::string>(21);
  order.created_at = row.get<std::string>(22);
  order.updated_at = row.get<std::string>(23);
  order.paid_at = row.get<std::string>(24);
  const auto lines = json::parse(row.get<std::string>(25));  // kept alive for the loop
  for (const auto& value : lines.as_array()) {
    const auto& l = value.as_object();
    d.lines.push_back({std::string(l.at("product_id").as_string()), std::string(l.at("variant_id").as_string()),
                       std::string(l.at("seller_id").as_string()), std::string(l.at("name").as_string()),
                       std::string(l.at("sku").as_string()), options_from_json(l.at("options")),
                       l.at("quantity").to_number<std::int64_t>(), l.at("unit_price_minor").to_number<std::int64_t>(),
                       l.at("line_total_minor").to_number<std::int64_t>()});
  }
  return order;
}

const std::string kSagaColumns =
    "id, order_id, customer_id, idempotency_key, cart_id, step, data::text, COALESCE(failure_code, ''), "
    "COALESCE(failure_detail, '')";

Saga saga_from_row(const soci::row& row) {
  return Saga{row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3),
              row.get<std::string>(4), row.get<std::string>(5),
              draft_from_json(json::parse(row.get<std::string>(6)).as_object()), row.get<std::string>(7),
              row.get<std::string>(8)};
}

}  // namespace

bool OrderStore::insert_saga(Saga& saga) {
  std::string data = json::serialize(draft_json(saga.draft));
  soci::row row;
  tx_.sql() << "INSERT INTO orders.checkout_sagas (id, order_id, customer_id, idempotency_key, cart_id, step, data) "
               "VALUES ('sag_' || replace(gen_random_uuid()::text, '-', ''), "
               "'ord_' || replace(gen_random_uuid()::text, '-', ''), :customer_id, :key, :cart_id, :step, "
               "CAST(:data AS jsonb)) ON CONFLICT (customer_id, idempotency_key) DO NOTHING RETURNING id, order_id",
      soci::use(saga.customer_id, "customer_id"), soci::use(saga.idempotency_key, "key"),
      soci::use(saga.cart_id, "cart_id"), soci::use(saga.step, "step"), soci::use(data, "data"), soci::into(row);
  if (!tx_.sql().got_data()) return false;
  saga.id = row.get<std::string>(0);
  saga.order_id = row.get<std::string>(1);
  return true;
}

std::optional<Saga> OrderStore::saga_by_key(const std::string& customer_id, const std::string& key) {
  soci::row row;
  tx_.sql() << "SELECT " + kSagaColumns +
                   " FROM orders.checkout_sagas WHERE customer_id = :customer_id AND idempotency_key = :key",
      soci::use(customer_id, "customer_id"), soci::use(key, "key"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return saga_from_row(row);
}

std::optional<Saga> OrderStore::saga_by_id(const std::string& saga_id, bool lock) {
  soci::row row;
  tx_.sql() << "SELECT " + kSagaColumns + " FROM orders.checkout_sagas WHERE id = :id" + (lock ? " FOR UPDATE" : ""),
      soci::use(saga_id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return saga_from_row(row);
}

bool OrderStore::advance_saga(const std::string& saga_id, const std::string& from, const std::string& to) {
  soci::statement st = (tx_.sql().prepare << "UPDATE orders.checkout_sagas SET step = :to, updated_at = now() "
                                             "WHERE id = :id AND step = :from",
                        soci::use(to, "to"), soci::use(saga_id, "id"), soci::use(from, "from"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Order> OrderStore::advance_saga_then_find(const std::string& saga_id, const std::string& from,
                                                       const std::string& to, const std::string& order_id) {
  // One statement, so one round trip: the saga row is written first, in
  // the order the repair locks them, and the order is read only if it moved.
  soci::row row;
  tx_.sql() << "WITH advanced AS (UPDATE orders.checkout_sagas SET step = :to, updated_at = now() "
               "WHERE id = :id AND step = :from RETURNING 1) "
               "SELECT " + kOrderColumns + " FROM orders.orders o WHERE o.id = :order AND EXISTS (SELECT 1 FROM advanced)",
      soci::use(to, "to"), soci::use(saga_id, "id"), soci::use(from, "from"), soci::use(order_id, "order"),
      soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return order_from_row(row);
}

void OrderStore::touch_saga(const std::string& saga_id) {
  tx_.sql() << "UPDATE orders.checkout_sagas SET updated_at = now() WHERE id = :id", soci::use(saga_id, "id");
}

bool OrderStore::fail_saga(const std::string& saga_id, const std::string& from, const std::string& code,
                           const std::string& detail) {
  soci::statement st =
      (tx_.sql().prepare << "UPDATE orders.checkout_sagas SET step = 'failed', failure_code = :code, "
                            "failure_detail = :detail, updated_at = now() WHERE id = :id AND step = :from",
       soci::use(code, "code"), soci::use(detail, "detail"), soci::use(saga_id, "id"), soci::use(from, "from"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Saga> OrderStore::claim_stale_saga(std::chrono::milliseconds idle) {
  long long ms = idle.count();
  soci::row row;
  tx_.sql() << "SELECT " + kSagaColumns +
                   " FROM orders.checkout_sagas WHERE step IN ('reserving', 'charging', 'completing') "
                   "AND updated_at < now() - CAST(:ms AS bigint) * interval '1 millisecond' "
                   "ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED",
      soci::use(ms, "ms"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return saga_from_row(row);
}

std::optional<Order> OrderStore::insert_order(const std::string& order_id, const OrderDraft& d) {
  std::string address = json::serialize(user::postal_address_json(d.address));
  long long subtotal = d.subtotal_minor, shipping = d.shipping_minor, tax = d.tax_minor, total = d.total_minor,
            weight = d.weight_grams;
  std::string placed_at;
  tx_.sql() << "INSERT INTO orders.orders (id, customer_id, cart_id, status, currency, subtotal_minor, shipping_minor, "
               "tax_minor, total_minor, shipping_address, shipping_option_id, shipping_carrier, shipping_service, "
               "shipping_name, weight_grams) VALUES (:id, :customer_id, :cart_id, 'pending_payment', :currency, "
               ":subtotal, :shipping, :tax, :total, CAST(:address AS jsonb), :option_id, :carrier, :service, :name, "
               ":weight) ON CONFLICT (id) DO NOTHING RETURNING " EMPORIUM_RFC3339("created_at"),
      soci::use(order_id, "id"), soci::use(d.customer_id, "customer_id"), soci::use(d.cart_id, "cart_id"),
      soci::use(d.currency, "currency"), soci::use(subtotal, "subtotal"), soci::use(shipping, "shipping"),
      soci::use(tax, "tax"), soci::use(total, "total"), soci::use(address, "address"),
      soci::use(d.shipping.option_id, "option_id"), soci::use(d.shipping.carrier, "carrier"),
      soci::use(d.shipping.service, "service"), soci::use(d.shipping.name, "name"), soci::use(weight, "weight"),
      soci::into(placed_at);
  if (!tx_.sql().got_data()) return std::nullopt;
  // All lines in one statement, in their order.
  json::array lines;
  for (const auto& line : d.lines) {
    json::object row = line_json(line);
    row["position"] = static_cast<std::int64_t>(lines.size());
    lines.push_back(std::move(row));
  }
  tx_.defer("INSERT INTO orders.order_lines (order_id, position, product_id, variant_id, seller_id, name, sku, "
            "options, quantity, unit_price_minor, line_total_minor) "
            "SELECT $1, l.position, l.product_id, l.variant_id, l.seller_id, l.name, l.sku, l.options, l.quantity, "
            "l.unit_price_minor, l.line_total_minor FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS l(position integer, "
            "product_id text, variant_id text, seller_id text, name text, sku text, options jsonb, quantity bigint, "
            "unit_price_minor bigint, line_total_minor bigint)",
            {order_id, json::serialize(lines)});
  add_history(order_id, "", "pending_payment", "placed");
  Order order;
  order.id = order_id;
  order.status = "pending_payment";
  order.draft = d;
  order.created_at = placed_at;
  order.updated_at = placed_at;
  return order;
}

std::optional<Order> OrderStore::find(const std::string& order_id, bool lock) {
  soci::row row;
  tx_.sql() << "SELECT " + kOrderColumns + " FROM orders.orders o WHERE o.id = :id" + (lock ? " FOR UPDATE" : ""),
      soci::use(order_id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return order_from_row(row);
}

std::set<std::string> OrderStore::awaiting_capture(const std::vector<std::string>& order_ids) {
  json::array ids;
  for (const auto& id : order_ids) ids.emplace_back(id);
  const std::string ids_json = json::serialize(ids);
  soci::rowset<std::string> rows =
      (tx_.sql().prepare << "SELECT id FROM orders.orders WHERE id IN "
                            "(SELECT jsonb_array_elements_text(CAST(:ids AS jsonb))) "
                            "AND status IN ('pending_payment', 'cancelled')",
       soci::use(ids_json, "ids"));
  return {rows.begin(), rows.end()};
}

std::optional<Order> OrderStore::change_status(const std::string& order_id, const StatusChange& change) {
  std::string payment_id, payment_status, brand, last4;
  soci::indicator has_payment = change.payment ? soci::i_ok : soci::i_null;
  if (change.payment) {
    payment_id = change.payment->id;
    payment_status = change.payment->status;
    brand = change.payment->brand;
    last4 = change.payment->last4;
  }
  std::string reason = change.cancel_reason.value_or("");
  soci::indicator has_reason = change.cancel_reason ? soci::i_ok : soci::i_null;
  long long refunded = change.refunded_minor.value_or(0);
  soci::indicator has_refunded = change.refunded_minor ? soci::i_ok : soci::i_null;
  int paid_at = change.mark_paid_at ? 1 : 0;
  int is_cancel = change.to == "cancelled" ? 1 : 0;
  soci::row row;
  tx_.sql() << "UPDATE orders.orders o SET status = :to, updated_at = now(), "
               "payment_id = COALESCE(:payment_id, payment_id), payment_status = COALESCE(:payment_status, payment_status), "
               "payment_brand = COALESCE(:brand, payment_brand), payment_last4 = COALESCE(:last4, payment_last4), "
               "cancel_reason = COALESCE(:reason, cancel_reason), "
               "cancelled_at = CASE WHEN :is_cancel = 1 THEN now() ELSE cancelled_at END, "
               "refunded_minor = GREATEST(refunded_minor, COALESCE(CAST(:refunded AS bigint), 0)), "
               "paid_at = CASE WHEN :paid_at = 1 THEN now() ELSE paid_at END "
               "WHERE id = :id AND status = :from RETURNING " + kOrderColumns,
      soci::use(change.to, "to"), soci::use(payment_id, has_payment, "payment_id"),
      soci::use(payment_status, has_payment, "payment_status"), soci::use(brand, has_payment, "brand"),
      soci::use(last4, has_payment, "last4"), soci::use(reason, has_reason, "reason"),
      soci::use(refunded, has_refunded, "refunded"), soci::use(is_cancel, "is_cancel"), soci::use(paid_at, "paid_at"), soci::use(order_id, "id"),
      soci::use(change.from, "from"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  add_history(order_id, change.from, change.to, change.note);
  return order_from_row(row);
}

void OrderStore::set_payment(const std::string& order_id, const PaymentInfo& p) {
  tx_.sql() << "UPDATE orders.orders SET payment_id = :id, payment_status = :status, payment_brand = :brand, "
               "payment_last4 = :last4, updated_at = now() WHERE id = :order_id",
      soci::use(p.id, "id"), soci::use(p.status, "status"), soci::use(p.brand, "brand"), soci::use(p.last4, "last4"),
      soci::use(order_id, "order_id");
}

void OrderStore::set_refunded(const std::string& order_id, std::int64_t refunded_minor) {
  long long refunded = refunded_minor;
  tx_.sql() << "UPDATE orders.orders SET refunded_minor = GREATEST(refunded_minor, CAST(:refunded AS bigint)), updated_at = now() "
               "WHERE id = :id",
      soci::use(refunded, "refunded"), soci::use(order_id, "id");
}

void OrderStore::mark_stock_committed(const std::string& order_id) {
  tx_.defer("UPDATE orders.orders SET stock_committed = true WHERE id = $1 AND NOT stock_committed", {order_id});
}

void OrderStore::add_history(const std::string& order_id, const std::string& from, const std::string& to,
                             const std::string& note) {
  tx_.defer("INSERT INTO orders.status_history (order_id, from_status, to_status, note) VALUES ($1, $2, $3, $4)",
            {order_id, from.empty() ? std::nullopt : std::optional<std::string>(from), to, note});
}

Paged<Order> OrderStore::page_where(const std::string& where, const std::string& value,
                                    const kernel::PageRequest& page) {
  Paged<Order> out;
  long long total = 0;
  tx_.sql() << "SELECT count(*) FROM orders.orders o WHERE " + where, soci::use(value, "value"), soci::into(total);
  out.total = total;
  long long limit = page.per_page, offset = page.offset();
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kOrderColumns + " FROM orders.orders o WHERE " + where +
                                " ORDER BY o.created_at DESC, o.id DESC LIMIT :limit OFFSET :offset",
       soci::use(value, "value"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  for (const auto& row : rows) out.items.push_back(order_from_row(row));
  return out;
}

Paged<Order> OrderStore::of_customer(const std::string& customer_id, const kernel::PageRequest& page) {
  return page_where("o.customer_id = :value", customer_id, page);
}

Paged<Order> OrderStore::by_status(const std::optional<std::string>& status, const kernel::PageRequest& page) {
  if (!status) return page_where("CAST(:value AS text) = ''", "", page);
  return page_where("o.status = :value", *status, page);
}

Paged<Order> OrderStore::of_seller(const std::string& seller_id, const kernel::PageRequest& page) {
  return page_where("EXISTS (SELECT 1 FROM orders.order_lines sl WHERE sl.order_id = o.id AND sl.seller_id = :value)",
                    seller_id, page);
}

std::vector<Order> OrderStore::all_of_customer(const std::string& customer_id) {
  std::vector<Order> out;
  soci::rowset<soci::row> rows = (tx_.sql().prepare << "SELECT " + kOrderColumns +
                                                           " FROM orders.orders o WHERE o.customer_id = :id "
                                                           "ORDER BY o.created_at DESC, o.id DESC",
                                  soci::use(customer_id, "id"));
  for (const auto& row : rows) out.push_back(order_from_row(row));
  return out;
}

int OrderStore::anonymise(const std::string& customer_id) {
  soci::statement st = (tx_.sql().prepare << "UPDATE orders.orders SET shipping_address = shipping_address || "
                                             "jsonb_build_object('name', '', 'line1', '', 'line2', null), "
                                             "updated_at = now() WHERE customer_id = :id",
                        soci::use(customer_id, "id"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace emporium::order
