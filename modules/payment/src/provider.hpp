#pragma once
// A payment processor as the module sees it. Every operation carries an
// idempotency key, so repeating it (after a timeout or a crash) never moves
// money twice, and `lookup` tells what became of a charge whose answer was
// lost: the recovery path of `Payments::for_order`.
#include <cstdint>
#include <optional>
#include <string>

#include "emporium/kernel/http.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/payment/payments.hpp"

namespace emporium::payment {

struct ProviderCharge {
  // authorized, captured, pending (settled later by a webhook), declined,
  // insufficient_funds, voided
  std::string outcome;
  std::string reference;
  std::string brand;
  std::string last4;
};

struct AuthorizeRequest {
  std::string idempotency_key;  // the order id
  std::int64_t amount_minor = 0;
  std::string currency;
  const CardDetails* card = nullptr;  // in memory only
  bool capture = true;
};

// A provider event, after its signature was verified.
struct WebhookEvent {
  std::string id;
  std::string type;  // payment.succeeded, payment.failed, refund.succeeded
  std::string payment_id;
  std::optional<std::int64_t> amount_minor;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  virtual std::string name() const = 0;
  // Whether the provider keeps its records in this database, in units of
  // work of its own. Such a provider's records are recovered with ours, in
  // commit order, after a crash; any other provider acts on what it is told
  // at once, so every asynchronous commit (kernel/async_commits.hpp) must be
  // on disk before it is called.
  virtual bool records_in_our_database() const { return false; }

  virtual ProviderCharge authorize(const AuthorizeRequest& request) = 0;
  // What the provider recorded for this key; nullopt: it never saw it.
  virtual std::optional<ProviderCharge> lookup(const std::string& idempotency_key) = 0;
  virtual kernel::Status capture(const std::string& idempotency_key, std::int64_t amount_minor) = 0;
  virtual kernel::Status refund(const std::string& charge_key, const std::string& refund_key,
                                std::int64_t amount_minor) = 0;
  // Also for a key the provider never saw: a later authorize with it then
  // answers `voided` and charges nothing.
  virtual kernel::Status void_authorization(const std::string& idempotency_key) = 0;

  // Verifies the request's signature and reads its event. Errors:
  // invalid_signature, stale_webhook, malformed_json, invalid_webhook.
  virtual kernel::Result<WebhookEvent> parse_webhook(const kernel::http::Request& request, std::int64_t now_unix) = 0;
};

}  // namespace emporium::payment
