#include "problems.hpp"

#include "emporium/kernel/error_problems.hpp"

namespace emporium::cart {

using kernel::unprocessable;

kernel::Problem problem_for(const kernel::Error& error) {
  const auto& code = error.code;
  if (code == "not_found") return kernel::Problem::not_found(error.message);
  if (code == "cannot_merge_own_cart") return kernel::Problem::conflict(code, error.message);
  if (code == "validation_failed") {
    auto problem = kernel::Problem::validation({{"quantity", error.message}});
    problem.detail = error.message;
    return problem;
  }
  if (code == "insufficient_stock") return unprocessable(error, "quantity");
  if (code == "unknown_variant" || code == "variant_required") return unprocessable(error, "variant_id");
  if (code == "product_unavailable" || code == "currency_mismatch") return unprocessable(error, "");
  // An unmapped code is a bug in this module: answer 500 without details.
  return {500, "internal_error", "Internal server error", "The server failed to handle the request.", {}};
}

}  // namespace emporium::cart
