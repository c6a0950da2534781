#include "problems.hpp"

namespace emporium::catalog {

kernel::Problem problem_for(const Failure& failure) {
  const auto& code = failure.code;
  if (code == "not_found") return kernel::Problem::not_found(failure.message);
  if (code == "forbidden") return kernel::Problem::forbidden(failure.message);
  if (code == "validation_failed") return kernel::Problem::validation(failure.fields);
  if (code == "sku_taken" || code == "slug_taken" || code == "review_exists" || code == "category_not_empty") {
    return kernel::Problem::conflict(code, failure.message);
  }
  // An unmapped code is a bug in this module: answer 500 without details.
  return {500, "internal_error", "Internal server error", "The server failed to handle the request.", {}};
}

}  // namespace emporium::catalog
