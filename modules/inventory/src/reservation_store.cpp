#include "reservation_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace emporium::inventory {

bool ReservationStore::insert(const std::string& order_id, const std::string& status, const std::string& request,
                              std::chrono::seconds ttl) {
  long long seconds = ttl.count();
  int inserted = 0;
  tx_.sql() << "INSERT INTO inventory.reservations (order_id, status, request, expires_at) "
               "VALUES (:order_id, :status, :request, now() + make_interval(secs => :ttl)) "
               "ON CONFLICT (order_id) DO NOTHING RETURNING 1",
      soci::use(order_id, "order_id"), soci::use(status, "status"), soci::use(request, "request"),
      soci::use(seconds, "ttl"), soci::into(inserted);
  return tx_.sql().got_data();
}

std::optional<ReservationRecord> ReservationStore::lock(const std::string& order_id) {
  soci::row row;
  // The lines are written with the reservation's row, in its transaction,
  // and never change: whenever this statement sees the row, its snapshot
  // has the lines too, even after waiting for the row's lock.
  tx_.sql() << "SELECT order_id, status, request, COALESCE(error_code, ''), COALESCE(error_message, ''), "
               "(SELECT COALESCE(json_agg(json_build_array(l.variant_id, l.warehouse_id, l.quantity) "
               "ORDER BY l.variant_id, l.warehouse_id), '[]') FROM inventory.reservation_lines l "
               "WHERE l.order_id = r.order_id)::text "
               "FROM inventory.reservations r WHERE order_id = :order_id FOR UPDATE OF r",
      soci::use(order_id, "order_id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  ReservationRecord record{row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                           row.get<std::string>(3), row.get<std::string>(4), {}};
  const boost::json::value lines = boost::json::parse(row.get<std::string>(5));
  for (const auto& line : lines.as_array()) {
    const auto& fields = line.as_array();
    record.units.push_back({std::string(fields.at(0).as_string()), std::string(fields.at(1).as_string()),
                            fields.at(2).to_number<std::int64_t>()});
  }
  return record;
}

std::optional<std::string> ReservationStore::claim_due() {
  std::string order_id;
  tx_.sql() << "SELECT order_id FROM inventory.reservations WHERE status = 'reserved' AND expires_at <= now() "
               "ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED",
      soci::into(order_id);
  if (!tx_.sql().got_data()) return std::nullopt;
  return order_id;
}

void ReservationStore::add_units(const std::string& order_id, const std::vector<ReservedUnits>& units) {
  if (units.empty()) return;
  boost::json::array lines;
  for (const auto& unit : units) {
    lines.push_back({{"variant_id", unit.variant_id}, {"warehouse_id", unit.warehouse_id}, {"quantity", unit.quantity}});
  }
  std::string lines_json = boost::json::serialize(lines);
  tx_.defer("INSERT INTO inventory.reservation_lines (order_id, variant_id, warehouse_id, quantity) "
            "SELECT CAST($1 AS text), l.variant_id, l.warehouse_id, l.quantity "
            "FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS l(variant_id text, warehouse_id text, quantity bigint)",
            {order_id, std::move(lines_json)});
}

std::vector<ReservedUnits> ReservationStore::units(const std::string& order_id) {
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT variant_id, warehouse_id, quantity FROM inventory.reservation_lines "
                            "WHERE order_id = :order_id ORDER BY variant_id, warehouse_id",
       soci::use(order_id, "order_id"));
  std::vector<ReservedUnits> out;
  for (const auto& row : rows) out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2)});
  return out;
}

void ReservationStore::set_status(const std::string& order_id, const std::string& status) {
  tx_.defer("UPDATE inventory.reservations SET status = $1, updated_at = now() WHERE order_id = $2",
            {status, order_id});
}

void ReservationStore::reject(const std::string& order_id, const std::string& code, const std::string& message) {
  tx_.sql() << "UPDATE inventory.reservations SET status = 'rejected', error_code = :code, error_message = :message, "
               "updated_at = now() WHERE order_id = :order_id",
      soci::use(code, "code"), soci::use(message, "message"), soci::use(order_id, "order_id");
}

}  // namespace emporium::inventory
