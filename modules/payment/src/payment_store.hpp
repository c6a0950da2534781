#pragma once
// SQL of the payment schema's own tables (payments, history, refunds,
// webhook events), inside the caller's unit of work.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "payment_types.hpp"

namespace emporium::payment {

class PaymentStore {
 public:
  explicit PaymentStore(kernel::Tx& tx) : tx_(tx) {}

  // A new pending payment for the order, with its first history row; none
  // when the order already has one. Deferred (kernel::Tx::defer): the unit's
  // next statement reads it.
  void insert_pending(const ChargeRequest& request, const std::string& provider, const std::string& brand,
                      const std::string& last4);
  std::optional<StoredPayment> by_order(const std::string& order_id, bool lock = false);
  std::optional<StoredPayment> by_id(const std::string& payment_id, bool lock = false);
  // Whether the order's payment is pending and older than `seconds`.
  bool pending_for_longer_than(const std::string& order_id, std::chrono::milliseconds age);
  std::vector<StoredPayment> for_customer(const std::string& customer_id);
  // Writes status, reference, amounts and failure code of `payment`.
  void update(const StoredPayment& payment);
  void add_history(const std::string& payment_id, const std::string& status, std::int64_t amount_minor,
                   const std::string& note);

  // The refund asked for by `request_key`, if that request already refunded.
  std::optional<RefundRecord> refund_by_key(const std::string& payment_id, const std::string& request_key);
  RefundRecord insert_refund(const std::string& payment_id, std::int64_t amount_minor, const std::string& request_key);
  std::vector<RefundRecord> refunds(const std::string& payment_id);

  // False when the event id was already recorded (a replay).
  bool record_webhook(const std::string& event_id, const std::string& provider, const std::string& type);

 private:
  std::optional<StoredPayment> one(const std::string& where, const std::string& value, bool lock);
  kernel::Tx& tx_;
};

}  // namespace emporium::payment
