#include "accounts.hpp"

#include <boost/json/serialize.hpp>

#include "address_store.hpp"
#include "emporium/user/events.hpp"
#include "refresh_token_store.hpp"
#include "reset_token_store.hpp"
#include "user_module_id.hpp"

namespace emporium::user {
namespace {

kernel::Error not_found() { return {"not_found", "No such user."}; }

}  // namespace

std::optional<Account> Accounts::find(const std::string& id) {
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).find(id); });
}

AccountPage Accounts::search(const AccountSearch& search) {
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).search(search); });
}

kernel::Result<Account> Accounts::update(const std::string& id, const AccountChanges& changes) {
  auto updated = db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).update(id, changes); });
  if (!updated) return not_found();
  return *updated;
}

kernel::Result<Account> Accounts::update_by_admin(const std::string& admin_id, const std::string& id,
                                                  const AccountChanges& changes) {
  bool demotes = changes.role && *changes.role != kernel::Role::admin;
  if (id == admin_id && (demotes || changes.disabled.value_or(false))) {
    return kernel::Error{"cannot_change_own_access", "Admins cannot demote or disable their own account."};
  }
  auto updated = db_.transact(user_module_id(), [&](kernel::Tx& tx) {
    auto account = AccountStore(tx).update(id, changes);
    if (account && account->disabled) RefreshTokenStore(tx).revoke_all_of(id);
    return account;
  });
  if (!updated) return not_found();
  return *updated;
}

kernel::Status Accounts::erase(const std::string& id) {
  bool erased = db_.transact(user_module_id(), [&](kernel::Tx& tx) {
    if (!AccountStore(tx).erase(id)) return false;
    AddressStore(tx).delete_all_of(id);
    RefreshTokenStore(tx).delete_all_of(id);
    ResetTokenStore(tx).delete_all_of(id);
    tx.publish(std::string(kUserDeleted), kEventVersion, boost::json::serialize(to_json(UserDeleted{id})));
    return true;
  });
  if (!erased) return not_found();
  return kernel::Ok{};
}

}  // namespace emporium::user
