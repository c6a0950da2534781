#include "registration.hpp"

#include <boost/json/serialize.hpp>

#include "account_store.hpp"
#include "emporium/user/events.hpp"
#include "opaque_token.hpp"
#include "user_module_id.hpp"

namespace emporium::user {

kernel::Result<Account> Registration::create(const NewAccount& account) {
  // Hashing is slow on purpose: do it before taking a connection.
  NewAccountRow row{new_id("usr_"), account.email, account.name, account.role, hasher_.hash(account.password)};
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) -> kernel::Result<Account> {
    AccountStore store(tx);
    if (!store.insert(row)) return kernel::Error{"email_taken", "An account with this email already exists."};
    tx.publish(std::string(kUserRegistered), kEventVersion,
               boost::json::serialize(to_json(UserRegistered{row.id, row.email, row.name})));
    return store.find(row.id).value();
  });
}

}  // namespace emporium::user
