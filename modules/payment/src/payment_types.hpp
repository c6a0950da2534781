#pragma once
// The module's records beyond the public PaymentSummary.
#include <cstdint>
#include <string>
#include <vector>

#include "emporium/payment/payments.hpp"

namespace emporium::payment {

struct StoredPayment : PaymentSummary {
  bool capture_requested = true;
  std::string updated_at;
};

struct RefundRecord {
  std::string id;  // re_...
  std::string payment_id;
  std::int64_t amount_minor = 0;
  std::string status;
  std::string created_at;
};

struct PaymentDetails {
  StoredPayment payment;
  std::vector<RefundRecord> refunds;
};

}  // namespace emporium::payment
