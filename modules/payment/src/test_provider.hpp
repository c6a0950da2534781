#pragma once
// The built-in `test` provider: a card processor's test mode with its own
// ledger, written in its own transactions as a remote processor would.
//   4242424242424242  succeeds
//   4000000000000002  declined (card_declined)
//   4000000000009995  insufficient funds
//   4000000000003220  needs asynchronous confirmation: the charge stays
//                     pending until a webhook payment.succeeded / payment.failed
//   any other Luhn-valid number succeeds
#include <string>

#include "emporium/kernel/database.hpp"
#include "provider.hpp"

namespace emporium::payment {

inline constexpr const char* kDeclinedCard = "4000000000000002";
inline constexpr const char* kInsufficientFundsCard = "4000000000009995";
inline constexpr const char* kAsyncConfirmationCard = "4000000000003220";

// The outcome the test provider gives a card: authorized/captured (per
// `capture`), pending, declined or insufficient_funds.
std::string test_card_outcome(const std::string& digits, bool capture);

// The body of a provider event: {"id", "type", "data": {"payment_id", "amount"}}.
kernel::Result<WebhookEvent> parse_webhook_event(const std::string& body);

class TestProvider final : public PaymentProvider {
 public:
  TestProvider(kernel::Database& db, std::string webhook_secret) : db_(db), secret_(std::move(webhook_secret)) {}

  std::string name() const override { return "test"; }
  // Its ledger is payment.test_provider_ledger.
  bool records_in_our_database() const override { return true; }
  ProviderCharge authorize(const AuthorizeRequest& request) override;
  std::optional<ProviderCharge> lookup(const std::string& idempotency_key) override;
  kernel::Status capture(const std::string& idempotency_key, std::int64_t amount_minor) override;
  kernel::Status refund(const std::string& charge_key, const std::string& refund_key,
                        std::int64_t amount_minor) override;
  kernel::Status void_authorization(const std::string& idempotency_key) override;
  kernel::Result<WebhookEvent> parse_webhook(const kernel::http::Request& request, std::int64_t now_unix) override;

 private:
  kernel::Database& db_;
  std::string secret_;
};

}  // namespace emporium::payment
