#include "users_service.hpp"

#include "account_store.hpp"
#include "address_store.hpp"
#include "emporium/user/accounts.hpp"
#include "user_module_id.hpp"

namespace emporium::user {
namespace {

std::optional<UserSummary> summary_of(const std::optional<Account>& account) {
  if (!account) return std::nullopt;
  return UserSummary{account->id, account->email, account->name, account->role, account->disabled};
}

}  // namespace

std::optional<UserSummary> UsersService::find(const std::string& user_id) {
  return summary_of(db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).find(user_id); }));
}

std::vector<UserSummary> UsersService::find_many(const std::vector<std::string>& user_ids) {
  std::vector<UserSummary> found;
  if (user_ids.empty()) return found;
  auto accounts =
      db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).find_many(user_ids); });
  for (const auto& account : accounts) found.push_back(*summary_of(account));
  return found;
}

std::optional<UserSummary> UsersService::find_by_email(const std::string& email) {
  return summary_of(
      db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).find_by_email(email); }));
}

std::vector<UserSummary> UsersService::find_by_role(kernel::Role role) { return find_users_by_role(db_, role); }

std::optional<PostalAddress> UsersService::find_address(const std::string& user_id, const std::string& address_id) {
  auto address = db_.transact(user_module_id(),
                              [&](kernel::Tx& tx) { return AddressStore(tx).find(user_id, address_id); });
  if (!address) return std::nullopt;
  return address->fields;
}

}  // namespace emporium::user
