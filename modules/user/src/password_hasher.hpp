#pragma once
// Argon2id password hashes (libsodium's crypto_pwhash_str: the PHC string
// carries its own salt and parameters). The limits come from configuration;
// a hash made with other limits verifies and is flagged for an upgrade.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace emporium::user {

struct Argon2Limits {
  std::uint64_t opslimit = 0;
  std::size_t memlimit_bytes = 0;
};

class PasswordHasher {
 public:
  // Computes the dummy hash once, so the first unknown-email login is not
  // cheaper than the others.
  explicit PasswordHasher(Argon2Limits limits);

  // Throws std::runtime_error when the memory for the hash cannot be had.
  std::string hash(std::string_view password) const;
  bool verify(const std::string& hash, std::string_view password) const;
  // True when the hash was made with other limits (or another algorithm).
  bool needs_rehash(const std::string& hash) const;
  // Spends the time of one verification against a hash that matches no
  // password: the unknown-email path of a login, so that it cannot be told
  // from a wrong password by its timing.
  void verify_dummy(std::string_view password) const;

  const Argon2Limits& limits() const { return limits_; }

 private:
  Argon2Limits limits_;
  std::string dummy_hash_;
};

}  // namespace emporium::user
