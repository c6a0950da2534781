#pragma once
// Forgotten passwords: a single-use, expiring token sent by email (through
// the user.password_reset_requested event), then a new password that ends
// every session of the account.
#include <cstdint>
#include <string>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"
#include "password_hasher.hpp"

namespace emporium::user {

class PasswordReset {
 public:
  PasswordReset(kernel::Database& db, const PasswordHasher& hasher, std::int64_t ttl_seconds)
      : db_(db), hasher_(hasher), ttl_seconds_(ttl_seconds) {}

  // Does nothing visible for an unknown or inactive account: the caller
  // answers the same either way.
  void request(const std::string& email);
  // Errors: invalid_reset_token (unknown, used, expired, or the account is
  // no longer active).
  kernel::Status confirm(const std::string& token, const std::string& new_password);

 private:
  kernel::Database& db_;
  const PasswordHasher& hasher_;
  std::int64_t ttl_seconds_;
};

}  // namespace emporium::user
