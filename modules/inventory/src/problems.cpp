#include "problems.hpp"

#include "emporium/kernel/error_problems.hpp"

namespace emporium::inventory {

using kernel::unprocessable;

kernel::Problem problem_for(const kernel::Error& error) {
  const auto& code = error.code;
  if (code == "not_found") return kernel::Problem::not_found(error.message);
  if (code == "forbidden") return kernel::Problem::forbidden(error.message);
  if (code == "warehouse_code_taken") return kernel::Problem::conflict(code, error.message);
  if (code == "variant_required" || code == "variant_mismatch") return unprocessable(error, "variant_id");
  if (code == "unknown_warehouse") return unprocessable(error, "warehouse_id");
  if (code == "below_reserved" || code == "negative_stock") return unprocessable(error, "");
  // An unmapped code is a bug in this module: answer 500 without details.
  return {500, "internal_error", "Internal server error", "The server failed to handle the request.", {}};
}

}  // namespace emporium::inventory
