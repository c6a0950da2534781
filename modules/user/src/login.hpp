#pragma once
// Signing in with email and password, with throttling per account and per
// client address and without telling unknown emails from wrong passwords.
#include <cstdint>
#include <string>
#include <variant>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"
#include "login_throttle.hpp"
#include "password_hasher.hpp"
#include "sessions.hpp"

namespace emporium::user {

struct Throttled {
  std::int64_t retry_after_seconds = 0;
};

// Errors: invalid_credentials (unknown email or wrong password: the same
// answer and about the same time), account_disabled (right password, but an
// admin disabled the account).
using LoginOutcome = std::variant<Session, kernel::Error, Throttled>;

class Login {
 public:
  Login(kernel::Database& db, const PasswordHasher& hasher, Sessions& sessions, ThrottlePolicy account_policy,
        ThrottlePolicy address_policy)
      : db_(db), hasher_(hasher), sessions_(sessions), account_policy_(account_policy), address_policy_(address_policy) {}

  // `client_address` empty: no per-address throttling (no network caller).
  LoginOutcome attempt(const std::string& email, const std::string& password, const std::string& client_address);

 private:
  void record_failure(const std::string& account_key, const std::string& client_address, std::int64_t now);

  kernel::Database& db_;
  const PasswordHasher& hasher_;
  Sessions& sessions_;
  ThrottlePolicy account_policy_;
  ThrottlePolicy address_policy_;
};

}  // namespace emporium::user
