#pragma once
// Implements Payments for other modules, and the admin and webhook
// operations of the routes. Each state change writes its history row and
// publishes its event in the transaction that makes it; the provider is
// called outside the payment row's first transaction (the row is written
// `pending` first), so a crash in between is resolved by asking the provider.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "emporium/payment/payments.hpp"
#include "payment_metrics.hpp"
#include "payment_types.hpp"
#include "provider.hpp"

namespace emporium::payment {

class PaymentService final : public Payments {
 public:
  // The first provider is the one new charges use.
  // `abandoned_after`: see PaymentConfig::abandoned_charge_after.
  PaymentService(kernel::Database& db, kernel::Metrics& metrics,
                 std::vector<std::shared_ptr<PaymentProvider>> providers,
                 std::chrono::milliseconds abandoned_after = std::chrono::minutes(2));

  kernel::Result<PaymentSummary> charge(const ChargeRequest& request) override;
  std::optional<PaymentSummary> for_order(const std::string& order_id) override;
  kernel::Result<std::optional<PaymentSummary>> cancel_for_order(const std::string& order_id) override;

  // The order's payments with their refunds (at most one payment per order).
  std::vector<PaymentDetails> order_payments(const std::string& order_id);
  std::vector<StoredPayment> customer_payments(const std::string& customer_id);
  // Errors: not_found, invalid_payment_state.
  kernel::Result<PaymentDetails> capture(const std::string& payment_id);
  // `request_key` names the request: repeating it refunds once. Errors:
  // not_found, invalid_payment_state, refund_exceeds_captured, invalid_amount.
  kernel::Result<PaymentDetails> refund(const std::string& payment_id, std::optional<std::int64_t> amount_minor,
                                        const std::string& request_key);
  // nullptr for an unknown provider name.
  PaymentProvider* provider(const std::string& name) const;
  // Applies a verified provider event once. Errors: duplicate_webhook,
  // unknown_payment, invalid_payment_state, refund_exceeds_captured.
  kernel::Result<PaymentDetails> apply_webhook(PaymentProvider& provider, const WebhookEvent& event);

 private:
  std::optional<StoredPayment> resolve_pending(const std::string& order_id);
  PaymentDetails details(const std::string& payment_id);

  kernel::Database& db_;
  PaymentMetrics metrics_;
  std::vector<std::shared_ptr<PaymentProvider>> providers_;
  std::chrono::milliseconds abandoned_after_;
};

}  // namespace emporium::payment
