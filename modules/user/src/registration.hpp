#pragma once
// Creating an account: hash the password, insert, publish user.registered,
// all in one unit of work. The fields are validated by the caller (the
// route or the command) with account_rules.
#include "account.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/user/accounts.hpp"
#include "password_hasher.hpp"

namespace emporium::user {

class Registration {
 public:
  Registration(kernel::Database& db, const PasswordHasher& hasher) : db_(db), hasher_(hasher) {}

  // Errors: email_taken.
  kernel::Result<Account> create(const NewAccount& account);

 private:
  kernel::Database& db_;
  const PasswordHasher& hasher_;
};

}  // namespace emporium::user
