#include "test_provider_store.hpp"

namespace emporium::payment {
namespace {

const char* const kColumns =
    "idempotency_key, reference, outcome, amount_minor, captured_minor, refunded_minor, brand, last4";

LedgerEntry entry_from(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<long long>(3),
          row.get<long long>(4),   row.get<long long>(5),   row.get<std::string>(6), row.get<std::string>(7)};
}

}  // namespace

LedgerEntry TestProviderStore::insert_charge(const LedgerEntry& e, const std::string& currency) {
  // Deferred: it goes out with the find, which reads this row or the one a
  // retry with the same key wrote first.
  tx_.defer("INSERT INTO payment.test_provider_ledger (idempotency_key, kind, reference, outcome, amount_minor, "
            "captured_minor, currency, brand, last4) VALUES ($1, 'charge', 'tch_' || "
            "replace(gen_random_uuid()::text, '-', ''), $2, $3, $4, $5, $6, $7) "
            "ON CONFLICT (idempotency_key) DO NOTHING",
            {e.idempotency_key, e.outcome, std::to_string(e.amount_minor), std::to_string(e.captured_minor), currency,
             e.brand, e.last4});
  return *find(e.idempotency_key);
}

std::optional<LedgerEntry> TestProviderStore::find(const std::string& key) {
  soci::row row;
  tx_.sql() << std::string("SELECT ") + kColumns + " FROM payment.test_provider_ledger WHERE idempotency_key = :key",
      soci::use(key, "key"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return entry_from(row);
}

bool TestProviderStore::capture(const std::string& key, std::int64_t amount_minor) {
  long long amount = amount_minor;
  int updated = 0;
  tx_.sql() << "UPDATE payment.test_provider_ledger SET outcome = 'captured', captured_minor = :amount, "
               "updated_at = now() WHERE idempotency_key = :key AND kind = 'charge' "
               "AND outcome IN ('authorized', 'captured') AND :amount2 <= amount_minor RETURNING 1",
      soci::use(amount, "amount"), soci::use(key, "key"), soci::use(amount, "amount2"), soci::into(updated);
  return tx_.sql().got_data();
}

bool TestProviderStore::void_charge(const std::string& key) {
  // A key never charged gets a voided tombstone, so a late authorize with
  // it (a request still in flight) charges nothing.
  int updated = 0;
  tx_.sql() << "INSERT INTO payment.test_provider_ledger (idempotency_key, kind, reference, outcome, amount_minor, "
               "currency) VALUES (:key, 'charge', '', 'voided', 0, '') "
               "ON CONFLICT (idempotency_key) DO UPDATE SET outcome = 'voided', updated_at = now() "
               "WHERE payment.test_provider_ledger.kind = 'charge' "
               "AND payment.test_provider_ledger.outcome IN ('authorized', 'pending', 'voided') RETURNING 1",
      soci::use(key, "key"), soci::into(updated);
  return tx_.sql().got_data();
}

bool TestProviderStore::refund(const std::string& charge_key, const std::string& refund_key,
                               std::int64_t amount_minor) {
  if (find(refund_key)) return true;  // this refund was already made
  long long amount = amount_minor;
  int updated = 0;
  tx_.sql() << "UPDATE payment.test_provider_ledger SET refunded_minor = refunded_minor + :amount, updated_at = now() "
               "WHERE idempotency_key = :key AND kind = 'charge' AND refunded_minor + :amount2 <= captured_minor "
               "RETURNING 1",
      soci::use(amount, "amount"), soci::use(charge_key, "key"), soci::use(amount, "amount2"), soci::into(updated);
  if (!tx_.sql().got_data()) return false;
  tx_.sql() << "INSERT INTO payment.test_provider_ledger (idempotency_key, kind, reference, outcome, amount_minor, "
               "currency) SELECT :refund_key, 'refund', 'tre_' || replace(gen_random_uuid()::text, '-', ''), "
               "'succeeded', :amount, currency FROM payment.test_provider_ledger WHERE idempotency_key = :charge_key",
      soci::use(refund_key, "refund_key"), soci::use(amount, "amount"), soci::use(charge_key, "charge_key");
  return true;
}

}  // namespace emporium::payment
