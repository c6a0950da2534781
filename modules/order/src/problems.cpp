#include "problems.hpp"

#include "emporium/kernel/error_problems.hpp"

namespace emporium::order {

using kernel::unprocessable;

kernel::Problem problem_for(const kernel::Error& error) {
  const auto& code = error.code;
  if (code == "not_found") return kernel::Problem::not_found(error.message);
  if (code == "cart_not_found") return {404, code, "Cart not found", error.message, {}};
  if (code == "cart_empty" || code == "product_unavailable") return unprocessable(error, "cart_id");
  if (code == "address_not_found") return unprocessable(error, "address_id");
  if (code == "shipping_unavailable" || code == "invalid_shipping_option") {
    return unprocessable(error, "shipping_option_id");
  }
  if (code == "invalid_status") return unprocessable(error, "status");
  if (code == "refund_through_payments") return unprocessable(error, "status");
  if (code == "payment_declined") return {402, code, "Payment declined", error.message, {}};
  if (code == "insufficient_stock" || code == "invalid_transition" || code == "shipment_required" ||
      code == "checkout_failed") {
    return kernel::Problem::conflict(code, error.message);
  }
  // An unmapped code is a bug or a broken dependency: answer 500 without details.
  return {500, "internal_error", "Internal server error", "The server failed to handle the request.", {}};
}

}  // namespace emporium::order
