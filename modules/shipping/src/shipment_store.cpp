#include "shipment_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::shipping {
namespace {

const std::string kColumns =
    "id, order_id, customer_id, tracking_number, carrier, service, service_name, status, weight_grams, "
    "CAST(recipient AS text), CAST(sender AS text), shipping.rfc3339(created_at)";

// The rank in SQL mirrors status_rank().
const std::string kRankSql =
    "CASE %s WHEN 'label_created' THEN 1 WHEN 'shipped' THEN 2 WHEN 'delivered' THEN 3 ELSE 0 END";

std::string rank_of(const std::string& expression) {
  std::string sql = kRankSql;
  sql.replace(sql.find("%s"), 2, expression);
  return sql;
}

user::PostalAddress address_from(const std::string& text) {
  return user::postal_address_from_json(boost::json::parse(text).as_object());
}

Shipment read_shipment(const soci::row& row) {
  Shipment out;
  out.id = row.get<std::string>(0);
  out.order_id = row.get<std::string>(1);
  out.customer_id = row.get<std::string>(2);
  out.tracking_number = row.get<std::string>(3);
  out.carrier = row.get<std::string>(4);
  out.service = row.get<std::string>(5);
  out.service_name = row.get<std::string>(6);
  out.status = row.get<std::string>(7);
  out.weight_grams = row.get<long long>(8);
  out.recipient = address_from(row.get<std::string>(9));
  out.sender = address_from(row.get<std::string>(10));
  out.created_at = row.get<std::string>(11);
  return out;
}

}  // namespace

int status_rank(const std::string& status) {
  if (status == kLabelCreated) return 1;
  if (status == kShipped) return 2;
  if (status == kDelivered) return 3;
  return 0;
}

std::optional<Shipment> ShipmentStore::find_where(const std::string& column, const std::string& value) {
  soci::row row;
  tx_.sql() << "SELECT " + kColumns + " FROM shipping.shipments WHERE " + column + " = :value",
      soci::use(value, "value"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_shipment(row);
}

std::optional<Shipment> ShipmentStore::find(const std::string& id) { return find_where("id", id); }

std::optional<Shipment> ShipmentStore::find_by_order(const std::string& order_id) {
  return find_where("order_id", order_id);
}

std::optional<Shipment> ShipmentStore::insert(const Shipment& draft) {
  const std::string recipient = boost::json::serialize(user::postal_address_json(draft.recipient));
  const std::string sender = boost::json::serialize(user::postal_address_json(draft.sender));
  const long long weight = draft.weight_grams;
  soci::row row;
  tx_.sql() << "INSERT INTO shipping.shipments (order_id, customer_id, tracking_number, carrier, service, "
               "service_name, status, weight_grams, recipient, sender) VALUES (:order_id, :customer_id, :tracking, "
               ":carrier, :service, :service_name, :status, :weight, CAST(:recipient AS jsonb), CAST(:sender AS jsonb)) "
               "ON CONFLICT DO NOTHING RETURNING " + kColumns,
      soci::use(draft.order_id, "order_id"), soci::use(draft.customer_id, "customer_id"),
      soci::use(draft.tracking_number, "tracking"), soci::use(draft.carrier, "carrier"),
      soci::use(draft.service, "service"), soci::use(draft.service_name, "service_name"),
      soci::use(draft.status, "status"), soci::use(weight, "weight"), soci::use(recipient, "recipient"),
      soci::use(sender, "sender"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_shipment(row);
}

std::optional<std::string> ShipmentStore::add_event(const std::string& shipment_id, const std::string& status,
                                                    const std::string& description) {
  std::string occurred_at;
  tx_.sql() << "INSERT INTO shipping.tracking_events (shipment_id, status, description) "
               "VALUES (:shipment_id, :status, :description) ON CONFLICT (shipment_id, status) DO NOTHING "
               "RETURNING shipping.rfc3339(occurred_at)",
      soci::use(shipment_id, "shipment_id"), soci::use(status, "status"), soci::use(description, "description"),
      soci::into(occurred_at);
  if (!tx_.sql().got_data()) return std::nullopt;
  return occurred_at;
}

bool ShipmentStore::advance_status(const std::string& shipment_id, const std::string& status) {
  std::string id;
  tx_.sql() << "UPDATE shipping.shipments SET status = :status, updated_at = now() WHERE id = :id AND " +
                   rank_of("status") + " < " + rank_of("CAST(:status2 AS text)") + " RETURNING id",
      soci::use(status, "status"), soci::use(shipment_id, "id"), soci::use(status, "status2"), soci::into(id);
  return tx_.sql().got_data();
}

std::vector<TrackingEvent> ShipmentStore::events(const std::string& shipment_id) {
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT status, description, shipping.rfc3339(occurred_at) FROM shipping.tracking_events "
                            "WHERE shipment_id = :id ORDER BY occurred_at, id",
       soci::use(shipment_id, "id"));
  std::vector<TrackingEvent> out;
  for (const auto& row : rows) {
    out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2)});
  }
  return out;
}

}  // namespace emporium::shipping
