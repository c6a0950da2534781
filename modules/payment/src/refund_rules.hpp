#pragma once
// Refund arithmetic: refunds of a payment add up to at most what was
// captured. Pure, so unit-testable; the store applies it under a row lock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emporium/kernel/result.hpp"

namespace emporium::payment {

// Whether a payment in `status` has captured money that may be refunded.
bool refundable_status(std::string_view status);

// The amount to refund: `requested`, or the rest when it is absent. Errors:
// refund_exceeds_captured when it is more than captured - refunded,
// invalid_amount when it is not positive, invalid_payment_state when nothing is left.
kernel::Result<std::int64_t> refund_amount(std::int64_t captured, std::int64_t refunded,
                                           std::optional<std::int64_t> requested);

// "refunded" once everything captured is refunded, else "partially_refunded".
std::string status_after_refund(std::int64_t captured, std::int64_t refunded_total);

}  // namespace emporium::payment
