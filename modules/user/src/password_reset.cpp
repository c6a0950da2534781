#include "password_reset.hpp"

#include <boost/json/serialize.hpp>

#include "account_rules.hpp"
#include "account_store.hpp"
#include "emporium/user/events.hpp"
#include "opaque_token.hpp"
#include "refresh_token_store.hpp"
#include "reset_token_store.hpp"
#include "throttle_store.hpp"
#include "unix_time.hpp"
#include "user_module_id.hpp"

namespace emporium::user {

void PasswordReset::request(const std::string& email) {
  db_.transact(user_module_id(), [&](kernel::Tx& tx) {
    AccountStore accounts(tx);
    auto credentials = accounts.credentials(email);
    if (!credentials || !credentials->active) return;
    auto account = accounts.find(credentials->id).value();
    auto token = new_opaque_token();
    auto expires_at = ResetTokenStore(tx).replace(token.hash, account.id, ttl_seconds_);
    PasswordResetRequested event{account.id, account.email, account.name, token.value, rfc3339(expires_at)};
    tx.publish(std::string(kPasswordResetRequested), kEventVersion, boost::json::serialize(to_json(event)));
  });
}

kernel::Status PasswordReset::confirm(const std::string& token, const std::string& new_password) {
  auto hash = hasher_.hash(new_password);
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) -> kernel::Status {
    kernel::Error invalid{"invalid_reset_token", "The reset token is invalid, used or expired."};
    auto user_id = ResetTokenStore(tx).consume(opaque_token_hash(token));
    if (!user_id) return invalid;
    AccountStore accounts(tx);
    auto state = accounts.state(*user_id);
    auto account = accounts.find(*user_id);
    if (!state || !state->active || !account) {
      tx.rollback_only();
      return invalid;
    }
    accounts.set_password_hash(*user_id, hash);
    RefreshTokenStore(tx).revoke_all_of(*user_id);
    // The owner proved control of the mailbox: lift a lockout of the account.
    ThrottleStore(tx).clear(ThrottleScope::account, normalize_email(account->email));
    return kernel::Ok{};
  });
}

}  // namespace emporium::user
