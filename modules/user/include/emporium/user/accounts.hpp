#pragma once
// The user module's callable surface outside HTTP: creating accounts (the
// `emporium user create` command, the way to make the first admin, and demo
// data) and the synchronous read other modules may make about a user.
#include <optional>
#include <string>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/config.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"

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

// What another module may know about a user: whom to address (an order
// email, a seller's name). nullopt for an unknown or erased user.
struct UserSummary {
  std::string id;
  std::string email;
  std::string name;
  kernel::Role role = kernel::Role::customer;
  bool disabled = false;
};

std::optional<UserSummary> find_user(kernel::Database& db, const std::string& user_id);

}  // namespace emporium::user
