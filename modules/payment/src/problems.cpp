#include "problems.hpp"

#include "emporium/kernel/error_problems.hpp"

namespace emporium::payment {

using kernel::unprocessable;

kernel::Problem problem_for(const kernel::Error& error) {
  const auto& code = error.code;
  if (code == "not_found") return kernel::Problem::not_found(error.message);
  if (code == "invalid_payment_state") return kernel::Problem::conflict(code, error.message);
  if (code == "refund_exceeds_captured" || code == "invalid_amount") return unprocessable(error, "amount");
  if (code == "unknown_payment") return unprocessable(error, "data.payment_id");
  if (code == "invalid_signature" || code == "stale_webhook" || code == "duplicate_webhook" ||
      code == "malformed_json" || code == "invalid_webhook") {
    return kernel::Problem::bad_request(code, error.message);
  }
  if (code == "provider_refused") {
    return {502, "provider_error", "Payment provider error", error.message, {}};
  }
  // An unmapped code is a bug in this module: answer 500 without details.
  return {500, "internal_error", "Internal server error", "The server failed to handle the request.", {}};
}

}  // namespace emporium::payment
