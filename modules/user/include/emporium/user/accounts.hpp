#pragma once
// Creating accounts outside HTTP: the `emporium user create` command, the
// way to make the first admin. (Other modules use users.hpp.)
#include <string>
#include <vector>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/config.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/user/users.hpp"

namespace emporium::user {

struct NewAccount {
  std::string email;
  std::string password;
  std::string name;  // empty: the email's local part
  kernel::Role role = kernel::Role::customer;
};

// The new account's id. Errors: `validation_failed` (the message names the
// field), `email_taken`, `config_bad_value`. Publishes user.registered.
kernel::Result<std::string> create_account(kernel::Database& db, const kernel::Config& config,
                                           const NewAccount& account);

// Every live, enabled account with `role` (e.g. the admins a low-stock
// notice goes to), oldest first.
std::vector<UserSummary> find_users_by_role(kernel::Database& db, kernel::Role role);

}  // namespace emporium::user
