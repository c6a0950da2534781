#pragma once
// Everything the module's routes call, built once at start from the
// validated configuration and the key ring.
#include <memory>

#include "access_tokens.hpp"
#include "account_token_verifier.hpp"
#include "accounts.hpp"
#include "addresses.hpp"
#include "emporium/kernel/database.hpp"
#include "login.hpp"
#include "password_hasher.hpp"
#include "password_reset.hpp"
#include "registration.hpp"
#include "sessions.hpp"
#include "user_config.hpp"
#include "user_metrics.hpp"

namespace emporium::user {

struct UserServices {
  UserServices(kernel::Database& db, kernel::Metrics& metrics, UserConfig settings, KeyRing ring)
      : config(std::move(settings)),
        counters(metrics),
        hasher(config.argon2),
        tokens(std::move(ring), config.access_token_ttl_seconds),
        verifier(std::make_shared<AccountTokenVerifier>(db, tokens)),
        sessions(db, tokens, config.refresh_token_ttl_seconds),
        registration(db, hasher),
        login(db, hasher, sessions, config.account_throttle, config.address_throttle),
        password_reset(db, hasher, config.password_reset_ttl_seconds),
        accounts(db),
        addresses(db) {}
  UserServices(const UserServices&) = delete;
  UserServices& operator=(const UserServices&) = delete;

  UserConfig config;
  UserMetrics counters;
  PasswordHasher hasher;
  AccessTokens tokens;
  std::shared_ptr<AccountTokenVerifier> verifier;
  Sessions sessions;
  Registration registration;
  Login login;
  PasswordReset password_reset;
  Accounts accounts;
  Addresses addresses;
};

}  // namespace emporium::user
