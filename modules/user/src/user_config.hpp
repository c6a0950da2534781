#pragma once
// The user module's settings: the `user` block of config/emporium.json,
// read and validated once at start with a message that names the bad key.
#include <cstdint>
#include <string>
#include <vector>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"
#include "login_throttle.hpp"
#include "password_hasher.hpp"

namespace emporium::user {

struct UserConfig {
  std::int64_t access_token_ttl_seconds = 900;
  std::int64_t refresh_token_ttl_seconds = 30 * 86400;
  std::int64_t password_reset_ttl_seconds = 30 * 60;
  // Base64 of a 32-byte Ed25519 seed; empty: <data_dir>/keys/jwt-ed25519.seed.
  std::string signing_key;
  // Base64url public keys of earlier signing keys, still accepted until the
  // tokens they signed have expired.
  std::vector<std::string> retired_public_keys;
  std::string data_dir;
  Argon2Limits argon2;
  ThrottlePolicy account_throttle;
  ThrottlePolicy address_throttle;
};

kernel::Result<UserConfig> read_user_config(const kernel::Config& config);

}  // namespace emporium::user
