#include "login.hpp"

#include <algorithm>
#include <optional>

#include "account_rules.hpp"
#include "account_store.hpp"
#include "throttle_store.hpp"
#include "unix_time.hpp"
#include "user_module_id.hpp"

namespace emporium::user {

LoginOutcome Login::attempt(const std::string& email, const std::string& password, const std::string& client_address) {
  const std::int64_t now = unix_now();
  // The account key is the email, known or not, so an unknown email is
  // throttled exactly like a known one.
  const std::string account_key = normalize_email(email);
  std::optional<Credentials> credentials;
  std::int64_t wait = 0;
  db_.transact(user_module_id(), [&](kernel::Tx& tx) {
    ThrottleStore throttle(tx);
    wait = retry_after(throttle.load(ThrottleScope::account, account_key), now);
    if (!client_address.empty()) {
      wait = std::max(wait, retry_after(throttle.load(ThrottleScope::address, client_address), now));
    }
    if (wait == 0) credentials = AccountStore(tx).credentials(email);
  });
  if (wait > 0) return Throttled{wait};

  // Argon2 runs outside any transaction: it holds no connection while it works.
  bool matches = false;
  if (credentials && !credentials->password_hash.empty()) {
    matches = hasher_.verify(credentials->password_hash, password);
  } else {
    hasher_.verify_dummy(password);
  }
  if (!matches) {
    record_failure(account_key, client_address, now);
    return kernel::Error{"invalid_credentials", "The email or password is wrong."};
  }
  if (!credentials->active) return kernel::Error{"account_disabled", "This account is disabled."};

  std::optional<std::string> upgraded;
  if (hasher_.needs_rehash(credentials->password_hash)) upgraded = hasher_.hash(password);
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) -> LoginOutcome {
    ThrottleStore(tx).clear(ThrottleScope::account, account_key);
    if (upgraded) AccountStore(tx).set_password_hash(credentials->id, *upgraded);
    return sessions_.start(tx, credentials->id, credentials->role);
  });
}

void Login::record_failure(const std::string& account_key, const std::string& client_address, std::int64_t now) {
  db_.transact(user_module_id(), [&](kernel::Tx& tx) {
    ThrottleStore throttle(tx);
    throttle.save(ThrottleScope::account, account_key,
                  after_failure(throttle.lock(ThrottleScope::account, account_key), account_policy_, now));
    if (!client_address.empty()) {
      throttle.save(ThrottleScope::address, client_address,
                    after_failure(throttle.lock(ThrottleScope::address, client_address), address_policy_, now));
    }
    throttle.prune(now, account_policy_.window_seconds);
  });
}

}  // namespace emporium::user
