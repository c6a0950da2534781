// The user block of the configuration.
#include <doctest/doctest.h>

#include <sodium.h>

#include "user/src/user_config.hpp"

using namespace emporium;
using namespace emporium::user;

namespace {

kernel::Result<UserConfig> read(std::map<std::string, std::string> env) {
  auto config = kernel::Config::from_defaults(
      kernel::Config::defaults(), "",
      [env](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
      },
      {});
  REQUIRE(config);
  return read_user_config(config.value());
}

}  // namespace

TEST_CASE("user config defaults: 15 minute tokens, 30 day refresh, interactive Argon2id") {
  auto config = read({});
  REQUIRE(config);
  CHECK(config->access_token_ttl_seconds == 900);
  CHECK(config->refresh_token_ttl_seconds == 30 * 86400);
  CHECK(config->password_reset_ttl_seconds == 30 * 60);
  CHECK(config->argon2.opslimit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
  CHECK(config->argon2.memlimit_bytes == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
  CHECK(config->account_throttle.max_failures == 5);
  CHECK(config->address_throttle.max_failures == 20);
  CHECK(config->signing_key.empty());
  CHECK(config->data_dir == "./var");
}

TEST_CASE("user config takes the minimal Argon2 limits from the environment") {
  auto config = read({{"EMPORIUM_USER_ARGON2_OPSLIMIT", "1"}, {"EMPORIUM_USER_ARGON2_MEMLIMIT_BYTES", "8192"}});
  REQUIRE(config);
  CHECK(config->argon2.opslimit == 1);
  CHECK(config->argon2.memlimit_bytes == 8192);
}

TEST_CASE("user config refuses values out of range, naming the key") {
  auto config = read({{"EMPORIUM_USER_ARGON2_MEMLIMIT_BYTES", "1024"}});
  REQUIRE_FALSE(config);
  CHECK(config.error().message.rfind("config: user.argon2_memlimit_bytes must be between 8192 and", 0) == 0);
  config = read({{"EMPORIUM_USER_ACCESS_TOKEN_TTL_SECONDS", "5"}});
  REQUIRE_FALSE(config);
  CHECK(config.error().message == "config: user.access_token_ttl_seconds must be between 60 and 86400, got 5");
  config = read({{"EMPORIUM_USER_LOGIN_LOCKOUT_SECONDS", "600"}, {"EMPORIUM_USER_LOGIN_MAX_LOCKOUT_SECONDS", "60"}});
  REQUIRE_FALSE(config);
  CHECK(config.error().message == "config: user.login_max_lockout_seconds must not be below user.login_lockout_seconds");
}
