#pragma once
// SQL of the test provider's ledger (payment.test_provider_ledger): the
// "remote processor's" side of each operation, keyed by idempotency key.
#include <cstdint>
#include <optional>
#include <string>

#include "emporium/kernel/database.hpp"

namespace emporium::payment {

struct LedgerEntry {
  std::string idempotency_key;
  std::string reference;
  std::string outcome;  // authorized, captured, pending, declined, insufficient_funds, voided, succeeded (refund)
  std::int64_t amount_minor = 0;
  std::int64_t captured_minor = 0;
  std::int64_t refunded_minor = 0;
  std::string brand;
  std::string last4;
};

class TestProviderStore {
 public:
  explicit TestProviderStore(kernel::Tx& tx) : tx_(tx) {}

  // Records the charge unless the key was seen; returns what the ledger holds for the key.
  LedgerEntry insert_charge(const LedgerEntry& entry, const std::string& currency);
  std::optional<LedgerEntry> find(const std::string& key);
  // False unless the key is an authorization (or an already captured charge).
  bool capture(const std::string& key, std::int64_t amount_minor);
  // Voids an authorization or a pending charge; a key never seen is voided in advance.
  bool void_charge(const std::string& key);
  // Records a refund of `charge_key` once per `refund_key`; false when the
  // charge is unknown or has less captured than refunded + amount.
  bool refund(const std::string& charge_key, const std::string& refund_key, std::int64_t amount_minor);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::payment
