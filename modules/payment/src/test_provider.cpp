#include "test_provider.hpp"

#include <boost/json/parse.hpp>

#include "cards.hpp"
#include "emporium/kernel/money.hpp"
#include "payment_module_id.hpp"
#include "test_provider_store.hpp"
#include "webhook_signature.hpp"

namespace emporium::payment {
namespace {

ProviderCharge charge_from(const LedgerEntry& entry) {
  return {entry.outcome, entry.reference, entry.brand, entry.last4};
}

kernel::Error invalid_event(std::string message) { return {"invalid_webhook", std::move(message)}; }

}  // namespace

std::string test_card_outcome(const std::string& digits, bool capture) {
  if (digits == kDeclinedCard) return "declined";
  if (digits == kInsufficientFundsCard) return "insufficient_funds";
  if (digits == kAsyncConfirmationCard) return "pending";
  return capture ? "captured" : "authorized";
}

kernel::Result<WebhookEvent> parse_webhook_event(const std::string& body) {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return kernel::Error{"malformed_json", "The webhook body is not a JSON object."};
  const auto& object = value.as_object();
  WebhookEvent event;
  const auto* id = object.if_contains("id");
  const auto* type = object.if_contains("type");
  const auto* data = object.if_contains("data");
  if (!id || !id->is_string() || id->as_string().empty() || id->as_string().size() > 255) {
    return invalid_event("The event has no id.");
  }
  event.id = std::string(id->as_string());
  if (!type || !type->is_string()) return invalid_event("The event has no type.");
  event.type = std::string(type->as_string());
  if (event.type != "payment.succeeded" && event.type != "payment.failed" && event.type != "refund.succeeded") {
    return invalid_event("Unknown event type " + event.type + ".");
  }
  if (!data || !data->is_object()) return invalid_event("The event has no data object.");
  const auto* payment_id = data->as_object().if_contains("payment_id");
  if (!payment_id || !payment_id->is_string() || payment_id->as_string().empty()) {
    return invalid_event("The event's data has no payment_id.");
  }
  event.payment_id = std::string(payment_id->as_string());
  if (const auto* amount = data->as_object().if_contains("amount"); amount && !amount->is_null()) {
    event.amount_minor = kernel::amount_from_json(*amount);
    if (!event.amount_minor || *event.amount_minor <= 0) {
      return invalid_event("The event's amount is not a positive amount with at most two decimals.");
    }
  }
  return event;
}

ProviderCharge TestProvider::authorize(const AuthorizeRequest& request) {
  std::string digits = card_digits(request.card ? request.card->number : "");
  LedgerEntry entry;
  entry.idempotency_key = request.idempotency_key;
  entry.outcome = test_card_outcome(digits, request.capture);
  entry.amount_minor = request.amount_minor;
  entry.captured_minor = entry.outcome == "captured" ? request.amount_minor : 0;
  entry.brand = card_brand(digits);
  entry.last4 = card_last4(digits);
  return db_.transact(payment_module_id(), [&](kernel::Tx& tx) {
    tx.commit_with_next_statement();  // insert_charge's insert is deferred: it rides with the find
    return charge_from(TestProviderStore(tx).insert_charge(entry, request.currency));
  });
}

std::optional<ProviderCharge> TestProvider::lookup(const std::string& idempotency_key) {
  auto entry = db_.transact(payment_module_id(),
                            [&](kernel::Tx& tx) { return TestProviderStore(tx).find(idempotency_key); });
  if (!entry) return std::nullopt;
  return charge_from(*entry);
}

kernel::Status TestProvider::capture(const std::string& idempotency_key, std::int64_t amount_minor) {
  bool done = db_.transact(payment_module_id(),
                           [&](kernel::Tx& tx) { return TestProviderStore(tx).capture(idempotency_key, amount_minor); });
  if (!done) return kernel::Error{"provider_refused", "The provider has no authorization to capture."};
  return kernel::Ok{};
}

kernel::Status TestProvider::refund(const std::string& charge_key, const std::string& refund_key,
                                    std::int64_t amount_minor) {
  bool done = db_.transact(payment_module_id(), [&](kernel::Tx& tx) {
    return TestProviderStore(tx).refund(charge_key, refund_key, amount_minor);
  });
  if (!done) return kernel::Error{"provider_refused", "The provider refused the refund."};
  return kernel::Ok{};
}

kernel::Status TestProvider::void_authorization(const std::string& idempotency_key) {
  bool done = db_.transact(payment_module_id(),
                           [&](kernel::Tx& tx) { return TestProviderStore(tx).void_charge(idempotency_key); });
  if (!done) return kernel::Error{"provider_refused", "The provider has no authorization to void."};
  return kernel::Ok{};
}

kernel::Result<WebhookEvent> TestProvider::parse_webhook(const kernel::http::Request& request, std::int64_t now_unix) {
  auto verified = verify_webhook_signature(request.header("Emporium-Signature"), request.body, secret_, now_unix);
  if (!verified) return verified.error();
  return parse_webhook_event(request.body);
}

}  // namespace emporium::payment
