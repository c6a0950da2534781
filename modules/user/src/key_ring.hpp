#pragma once
// The token keys: one active signing key, and every key whose tokens are
// still accepted (the active one first, then retired ones). Rotating means
// making a new key the signing key and listing the old public key under
// user.retired_public_keys until its tokens have expired.
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/result.hpp"
#include "jwt.hpp"
#include "user_config.hpp"

namespace emporium::user {

struct KeyRing {
  SigningKey active;
  std::vector<VerificationKey> verification;
};

// Pure: a ring from a base64 seed and base64url retired public keys. Errors
// name `seed_source` (a config key or the seed file) or the retired key.
kernel::Result<KeyRing> make_key_ring(std::string_view seed_base64, std::string_view seed_source,
                                      const std::vector<std::string>& retired_public_keys);

// The ring of the configuration: the configured seed, or the one kept in
// <data_dir>/keys/jwt-ed25519.seed (created with mode 0600 on first use;
// instances sharing a data directory agree on it).
kernel::Result<KeyRing> load_key_ring(const UserConfig& config);

}  // namespace emporium::user
