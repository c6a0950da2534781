#include "problems.hpp"

namespace emporium::user {

kernel::Problem problem_for(const kernel::Error& error) {
  const auto& code = error.code;
  if (code == "not_found") return kernel::Problem::not_found(error.message);
  if (code == "email_taken" || code == "too_many_addresses" || code == "cannot_change_own_access") {
    return kernel::Problem::conflict(code, error.message);
  }
  if (code == "invalid_credentials" || code == "invalid_refresh_token" || code == "refresh_token_reused") {
    return kernel::Problem::unauthorized(code, error.message);
  }
  if (code == "account_disabled") return {403, code, "Forbidden", error.message, {}};
  if (code == "invalid_reset_token") {
    return {422, code, "Validation failed", error.message, {{"token", "is invalid, used or expired"}}};
  }
  // An unmapped code is a bug in this module: answer 500 without details.
  return {500, "internal_error", "Internal server error", "The server failed to handle the request.", {}};
}

}  // namespace emporium::user
