#pragma once
// Payloads of the events in emporium/payment/events.hpp.
#include <string>

#include "payment_types.hpp"

namespace emporium::payment {

// authorized / captured: {"payment_id", "order_id", "customer_id", "amount_minor", "currency", "status"}
std::string settled_payload(const StoredPayment& payment);
// {"payment_id", "order_id", "customer_id", "amount_minor", "currency", "failure_code"}
std::string failed_payload(const StoredPayment& payment);
// {"payment_id", "order_id", "customer_id", "refund_id", "amount_minor", "refunded_minor",
//  "captured_minor", "currency", "status"}
std::string refunded_payload(const StoredPayment& payment, const RefundRecord& refund);
// {"payment_id", "order_id", "customer_id", "amount_minor", "currency"}
std::string voided_payload(const StoredPayment& payment);

}  // namespace emporium::payment
