#include "problems.hpp"

namespace emporium::shipping {

kernel::Problem problem_for(const kernel::Error& error) {
  const auto& code = error.code;
  if (code == "not_found") return kernel::Problem::not_found(error.message);
  if (code == "shipment_exists" || code == "order_not_shippable" || code == "carrier_unavailable") {
    return kernel::Problem::conflict(code, error.message);
  }
  if (code == "shipping_unavailable" || code == "invalid_shipping_option" || code == "cart_empty" ||
      code == "product_unavailable") {
    return {422, code, "Unprocessable request", error.message, {}};
  }
  if (code == "service_unavailable") return {503, code, "Service unavailable", error.message, {}};
  // An unmapped code is a bug: answer 500 without details.
  return {500, "internal_error", "Internal server error", "The server failed to handle the request.", {}};
}

}  // namespace emporium::shipping
