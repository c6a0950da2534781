#include "payment_store.hpp"

namespace emporium::payment {
namespace {

const char* const kColumns =
    "id, order_id, customer_id, provider, provider_reference, status, brand, last4, amount_minor, captured_minor, "
    "refunded_minor, currency, failure_code, payment.rfc3339(created_at), CAST(capture_requested AS integer), "
    "payment.rfc3339(updated_at)";

StoredPayment payment_from(const soci::row& row) {
  StoredPayment p;
  p.id = row.get<std::string>(0);
  p.order_id = row.get<std::string>(1);
  p.customer_id = row.get<std::string>(2);
  p.provider = row.get<std::string>(3);
  p.provider_reference = row.get<std::string>(4);
  p.status = row.get<std::string>(5);
  p.brand = row.get<std::string>(6);
  p.last4 = row.get<std::string>(7);
  p.amount_minor = row.get<long long>(8);
  p.captured_minor = row.get<long long>(9);
  p.refunded_minor = row.get<long long>(10);
  p.currency = row.get<std::string>(11);
  p.failure_code = row.get<std::string>(12);
  p.created_at = row.get<std::string>(13);
  p.capture_requested = row.get<int>(14) != 0;
  p.updated_at = row.get<std::string>(15);
  return p;
}

const char* const kRefundColumns = "id, payment_id, amount_minor, status, payment.rfc3339(created_at)";

RefundRecord refund_from(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2), row.get<std::string>(3),
          row.get<std::string>(4)};
}

}  // namespace

void PaymentStore::insert_pending(const ChargeRequest& request, const std::string& provider, const std::string& brand,
                                  const std::string& last4) {
  // One statement, so the history row is written exactly when the payment is.
  tx_.defer("WITH inserted AS (INSERT INTO payment.payments (order_id, customer_id, provider, status, "
            "capture_requested, brand, last4, amount_minor, currency) VALUES ($1, $2, $3, 'pending', "
            "CAST($4 AS boolean), $5, $6, CAST($7 AS bigint), $8) ON CONFLICT (order_id) DO NOTHING RETURNING id) "
            "INSERT INTO payment.status_history (payment_id, status, amount_minor, note) "
            "SELECT id, 'pending', CAST($7 AS bigint), 'charge started' FROM inserted",
            {request.order_id, request.customer_id, provider, request.capture ? "true" : "false", brand, last4,
             std::to_string(request.amount_minor), request.currency});
}

std::optional<StoredPayment> PaymentStore::one(const std::string& where, const std::string& value, bool lock) {
  soci::row row;
  tx_.sql() << std::string("SELECT ") + kColumns + " FROM payment.payments WHERE " + where + " = :value" +
                   (lock ? " FOR UPDATE" : ""),
      soci::use(value, "value"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return payment_from(row);
}

std::optional<StoredPayment> PaymentStore::by_order(const std::string& order_id, bool lock) {
  return one("order_id", order_id, lock);
}

std::optional<StoredPayment> PaymentStore::by_id(const std::string& payment_id, bool lock) {
  return one("id", payment_id, lock);
}

bool PaymentStore::pending_for_longer_than(const std::string& order_id, std::chrono::milliseconds age) {
  int found = 0;
  long long ms = age.count();
  tx_.sql() << "SELECT 1 FROM payment.payments WHERE order_id = :order_id AND status = 'pending' "
               "AND created_at < now() - CAST(:ms AS bigint) * interval '1 millisecond'",
      soci::use(order_id, "order_id"), soci::use(ms, "ms"), soci::into(found);
  return tx_.sql().got_data();
}

std::vector<StoredPayment> PaymentStore::for_customer(const std::string& customer_id) {
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << std::string("SELECT ") + kColumns +
                                " FROM payment.payments WHERE customer_id = :customer ORDER BY created_at DESC, id",
       soci::use(customer_id, "customer"));
  std::vector<StoredPayment> out;
  for (const auto& row : rows) out.push_back(payment_from(row));
  return out;
}

void PaymentStore::update(const StoredPayment& p) {
  // Deferred: nothing reads its result, so it goes out with the unit's next
  // statement or its COMMIT instead of a round trip of its own.
  tx_.defer("UPDATE payment.payments SET status = $1, provider_reference = $2, captured_minor = $3, "
            "refunded_minor = $4, failure_code = $5, updated_at = now() WHERE id = $6",
            {p.status, p.provider_reference, std::to_string(p.captured_minor), std::to_string(p.refunded_minor),
             p.failure_code, p.id});
}

void PaymentStore::add_history(const std::string& payment_id, const std::string& status, std::int64_t amount_minor,
                               const std::string& note) {
  tx_.defer("INSERT INTO payment.status_history (payment_id, status, amount_minor, note) VALUES ($1, $2, $3, $4)",
            {payment_id, status, std::to_string(amount_minor), note});
}

std::optional<RefundRecord> PaymentStore::refund_by_key(const std::string& payment_id,
                                                        const std::string& request_key) {
  soci::row row;
  tx_.sql() << std::string("SELECT ") + kRefundColumns +
                   " FROM payment.refunds WHERE payment_id = :payment AND request_key = :key",
      soci::use(payment_id, "payment"), soci::use(request_key, "key"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return refund_from(row);
}

RefundRecord PaymentStore::insert_refund(const std::string& payment_id, std::int64_t amount_minor,
                                         const std::string& request_key) {
  long long amount = amount_minor;
  soci::row row;
  tx_.sql() << std::string("INSERT INTO payment.refunds (payment_id, amount_minor, status, request_key) "
                           "VALUES (:payment, :amount, 'succeeded', :key) RETURNING ") +
                   kRefundColumns,
      soci::use(payment_id, "payment"), soci::use(amount, "amount"), soci::use(request_key, "key"), soci::into(row);
  return refund_from(row);
}

std::vector<RefundRecord> PaymentStore::refunds(const std::string& payment_id) {
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << std::string("SELECT ") + kRefundColumns +
                                " FROM payment.refunds WHERE payment_id = :payment ORDER BY created_at, id",
       soci::use(payment_id, "payment"));
  std::vector<RefundRecord> out;
  for (const auto& row : rows) out.push_back(refund_from(row));
  return out;
}

bool PaymentStore::record_webhook(const std::string& event_id, const std::string& provider, const std::string& type) {
  int inserted = 0;
  tx_.sql() << "INSERT INTO payment.webhook_events (id, provider, type) VALUES (:id, :provider, :type) "
               "ON CONFLICT (id) DO NOTHING RETURNING 1",
      soci::use(event_id, "id"), soci::use(provider, "provider"), soci::use(type, "type"), soci::into(inserted);
  return tx_.sql().got_data();
}

}  // namespace emporium::payment
