#include "account_store.hpp"
#include "emporium/user/accounts.hpp"
#include "user_module_id.hpp"

namespace emporium::user {

std::optional<UserSummary> find_user(kernel::Database& db, const std::string& user_id) {
  auto account = db.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).find(user_id); });
  if (!account) return std::nullopt;
  return UserSummary{account->id, account->email, account->name, account->role, account->disabled};
}

}  // namespace emporium::user
