#include "problems.hpp"

namespace emporium::inventory {
namespace {

kernel::Problem unprocessable(const kernel::Error& error, std::string field) {
  kernel::Problem problem{422, error.code, "Unprocessable request", error.message, {}};
  if (!field.empty()) problem.errors.push_back({std::move(field), error.message});
  return problem;
}

}  // namespace

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
