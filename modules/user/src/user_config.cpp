#include "user_config.hpp"

#include <sodium.h>

namespace emporium::user {
namespace {

kernel::Error bad(const std::string& key, const std::string& why) {
  return {"config_bad_value", "config: " + key + " " + why};
}

}  // namespace

kernel::Result<UserConfig> read_user_config(const kernel::Config& config) {
  constexpr std::int64_t kDay = 86400;
  UserConfig out;
  struct Setting {
    const char* key;
    std::int64_t min, max, scale;
    std::int64_t* target;
  };
  const Setting settings[] = {
      {"user.access_token_ttl_seconds", 60, kDay, 1, &out.access_token_ttl_seconds},
      {"user.refresh_token_ttl_days", 1, 365, kDay, &out.refresh_token_ttl_seconds},
      {"user.password_reset_ttl_minutes", 5, 24 * 60, 60, &out.password_reset_ttl_seconds},
      {"user.login_max_failures", 1, 1000, 1, &out.account_throttle.max_failures},
      {"user.login_max_failures_per_address", 1, 100000, 1, &out.address_throttle.max_failures},
      {"user.login_failure_window_seconds", 1, 30 * kDay, 1, &out.account_throttle.window_seconds},
      {"user.login_lockout_seconds", 1, kDay, 1, &out.account_throttle.base_lockout_seconds},
      {"user.login_max_lockout_seconds", 1, 30 * kDay, 1, &out.account_throttle.max_lockout_seconds},
  };
  for (const auto& setting : settings) {
    auto value = config.integer_between(setting.key, setting.min, setting.max);
    if (!value) return value.error();
    *setting.target = value.value() * setting.scale;
  }
  if (out.account_throttle.max_lockout_seconds < out.account_throttle.base_lockout_seconds) {
    return bad("user.login_max_lockout_seconds", "must not be below user.login_lockout_seconds");
  }
  out.address_throttle.window_seconds = out.account_throttle.window_seconds;
  out.address_throttle.base_lockout_seconds = out.account_throttle.base_lockout_seconds;
  out.address_throttle.max_lockout_seconds = out.account_throttle.max_lockout_seconds;

  auto opslimit = config.integer_between("user.argon2_opslimit", crypto_pwhash_argon2id_OPSLIMIT_MIN, 64);
  if (!opslimit) return opslimit.error();
  auto memlimit = config.integer_between("user.argon2_memlimit_bytes", crypto_pwhash_argon2id_MEMLIMIT_MIN,
                          std::int64_t{4} << 30);
  if (!memlimit) return memlimit.error();
  out.argon2 = {static_cast<std::uint64_t>(opslimit.value()), static_cast<std::size_t>(memlimit.value())};

  out.signing_key = config.string("user.signing_key");
  out.retired_public_keys = config.strings("user.retired_public_keys");
  out.data_dir = config.string("data_dir");
  return out;
}

}  // namespace emporium::user
