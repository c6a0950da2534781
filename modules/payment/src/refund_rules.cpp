#include "refund_rules.hpp"

#include "emporium/kernel/money.hpp"

namespace emporium::payment {

bool refundable_status(std::string_view status) { return status == "captured" || status == "partially_refunded"; }

kernel::Result<std::int64_t> refund_amount(std::int64_t captured, std::int64_t refunded,
                                           std::optional<std::int64_t> requested) {
  std::int64_t remaining = captured - refunded;
  if (remaining <= 0) return kernel::Error{"invalid_payment_state", "Everything captured is already refunded."};
  if (!requested) return remaining;
  if (*requested <= 0) return kernel::Error{"invalid_amount", "A refund must be a positive amount."};
  if (*requested > remaining) {
    return kernel::Error{"refund_exceeds_captured",
                         "Refunds would exceed the captured amount: at most " + kernel::format_amount(remaining) +
                             " is left to refund."};
  }
  return *requested;
}

std::string status_after_refund(std::int64_t captured, std::int64_t refunded_total) {
  return refunded_total >= captured ? "refunded" : "partially_refunded";
}

}  // namespace emporium::payment
