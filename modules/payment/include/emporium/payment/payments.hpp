#pragma once
// The payment module's callable surface for other modules (the checkout
// saga, order cancellation), provided at start:
// `context.services.get<payment::Payments>()`. Card numbers and CVCs pass
// through in memory only: never stored, never logged.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::payment {

struct CardDetails {
  std::string number;  // digits only after reading (spaces and dashes dropped)
  int exp_month = 0;
  int exp_year = 0;
  std::string cvc;
};

// Field errors of a card before anything is charged ("number" failing the
// Luhn check, an expired or impossible date, a CVC that is not 3-4 digits),
// named "payment.card.<field>"; empty when the card can be tried.
std::vector<kernel::FieldError> card_errors(const CardDetails& card);

struct ChargeRequest {
  std::string order_id;  // at most one payment per order: the charge's idempotency key
  std::string customer_id;
  std::int64_t amount_minor = 0;
  std::string currency = "USD";
  CardDetails card;
  bool capture = true;  // false: authorize only; an admin captures later
};

struct PaymentSummary {
  std::string id;  // pay_...
  std::string order_id;
  std::string customer_id;
  std::string provider;  // "test"
  std::string provider_reference;
  // pending (awaiting the provider's webhook), authorized, captured,
  // partially_refunded, refunded, failed, voided
  std::string status;
  std::string brand;  // visa, mastercard, amex, ...
  std::string last4;
  std::int64_t amount_minor = 0;
  std::int64_t captured_minor = 0;
  std::int64_t refunded_minor = 0;
  std::string currency = "USD";
  std::string failure_code;  // card_declined, insufficient_funds; empty unless failed
  std::string created_at;
};

class Payments {
 public:
  virtual ~Payments() = default;
  // Authorizes, and captures when asked, the order's payment. Idempotent by
  // order id: repeating it returns the first payment again without a second
  // charge. A decline is recorded as a failed payment and answered with
  // error `payment_declined` or `insufficient_funds`.
  virtual kernel::Result<PaymentSummary> charge(const ChargeRequest& request) = 0;
  // The order's payment, if one was ever started (the saga's recovery asks
  // this after a crash). Resolves a payment left pending by a crash with
  // the provider first.
  virtual std::optional<PaymentSummary> for_order(const std::string& order_id) = 0;
  // Compensation for an order that will not be fulfilled: voids an
  // authorization, refunds whatever was captured and not yet refunded.
  // Idempotent; a no-op when the order has no successful payment.
  virtual kernel::Result<std::optional<PaymentSummary>> cancel_for_order(const std::string& order_id) = 0;
};

}  // namespace emporium::payment
