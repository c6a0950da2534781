#pragma once
// Reading, changing and erasing accounts: the profile endpoints and the
// admin's user management.
#include <optional>
#include <string>

#include "account.hpp"
#include "account_store.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::user {

class Accounts {
 public:
  explicit Accounts(kernel::Database& db) : db_(db) {}

  std::optional<Account> find(const std::string& id);
  AccountPage search(const AccountSearch& search);
  // Errors: not_found.
  kernel::Result<Account> update(const std::string& id, const AccountChanges& changes);
  // An admin's change. Disabling ends the account's sessions. Errors:
  // not_found, cannot_change_own_access (an admin may not demote or disable
  // themself: the last admin would lock everyone out).
  kernel::Result<Account> update_by_admin(const std::string& admin_id, const std::string& id,
                                          const AccountChanges& changes);
  // Erases personal data (email replaced, name and phone cleared, addresses
  // and tokens deleted), keeps the id, and publishes user.deleted so that
  // other modules erase theirs. Errors: not_found.
  kernel::Status erase(const std::string& id);

 private:
  kernel::Database& db_;
};

}  // namespace emporium::user
