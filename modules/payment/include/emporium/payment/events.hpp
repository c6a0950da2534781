#pragma once
// Events the payment module publishes (payloads are JSON objects; amounts
// are integers in minor units).
namespace emporium::payment::events {

// {"payment_id", "order_id", "customer_id", "amount_minor", "currency", "status"}
// where status is "authorized" or "captured" (kAuthorized is published for
// an authorization, kCaptured when money is captured, whether at checkout,
// by an admin or by a provider webhook).
inline constexpr const char* kAuthorized = "payment.authorized";
inline constexpr const char* kCaptured = "payment.captured";
// {"payment_id", "order_id", "customer_id", "amount_minor", "currency", "failure_code"}:
// declined at checkout or by a provider webhook.
inline constexpr const char* kFailed = "payment.failed";
// {"payment_id", "order_id", "customer_id", "refund_id", "amount_minor" (this refund),
//  "refunded_minor" (all refunds so far), "captured_minor", "currency", "status"}
inline constexpr const char* kRefunded = "payment.refunded";
// {"payment_id", "order_id", "customer_id", "amount_minor", "currency"}: an authorization was voided.
inline constexpr const char* kVoided = "payment.voided";
inline constexpr int kVersion = 1;

}  // namespace emporium::payment::events
