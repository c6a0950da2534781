#include "account_rules.hpp"
#include "emporium/user/accounts.hpp"
#include "registration.hpp"
#include "user_config.hpp"

namespace emporium::user {

kernel::Result<std::string> create_account(kernel::Database& db, const kernel::Config& config,
                                           const NewAccount& account) {
  auto settings = read_user_config(config);
  if (!settings) return settings.error();
  NewAccount checked = account;
  if (checked.name.empty()) checked.name = checked.email.substr(0, checked.email.find('@'));
  for (auto [field, message] : {std::pair{"email", email_error(checked.email)},
                                std::pair{"password", password_error(checked.password)},
                                std::pair{"name", name_error(checked.name)}}) {
    if (message) return kernel::Error{"validation_failed", std::string(field) + " " + *message};
  }
  PasswordHasher hasher(settings->argon2);
  auto created = Registration(db, hasher).create(checked);
  if (!created) return created.error();
  return created->id;
}

}  // namespace emporium::user
