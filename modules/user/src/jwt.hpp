#pragma once
// Access tokens: compact JWS (RFC 7515/7519) signed with Ed25519 ("EdDSA",
// RFC 8037). Pure: no clock, no database, no files, so every attack on the
// format is unit-tested. The header is {"alg":"EdDSA","typ":"JWT","kid"};
// the claims are iss "emporium", sub, role, iat, nbf, exp.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::user {

inline constexpr std::string_view kIssuer = "emporium";
inline constexpr std::string_view kAlgorithm = "EdDSA";

using PublicKey = std::array<unsigned char, 32>;

struct VerificationKey {
  std::string kid;
  PublicKey public_key{};
};

struct SigningKey {
  std::string kid;
  PublicKey public_key{};
  std::array<unsigned char, 64> secret_key{};  // libsodium's form: seed then public key

  VerificationKey verification_key() const { return {kid, public_key}; }
};

// The key pair of a 32-byte seed; its kid is the first 16 hex digits of the
// SHA-256 of the public key, so the same key always has the same kid.
SigningKey signing_key_from_seed(std::string_view seed);
std::string key_id(const PublicKey& public_key);

struct AccessClaims {
  std::string subject;  // user id
  kernel::Role role = kernel::Role::customer;
  std::int64_t issued_at = 0;
  std::int64_t not_before = 0;
  std::int64_t expires_at = 0;
};

std::string sign_access_token(const SigningKey& key, const AccessClaims& claims);

// Tokens from an instance whose clock runs a little ahead are still
// accepted; expiry gets no such grace.
inline constexpr std::int64_t kClockSkewSeconds = 30;

// The claims of a well-formed, correctly signed, currently valid token, or an
// error with one of the codes: malformed, algorithm_not_allowed, unknown_key,
// bad_signature, wrong_issuer, expired, not_yet_valid.
kernel::Result<AccessClaims> verify_access_token(std::string_view token, const std::vector<VerificationKey>& keys,
                                                 std::int64_t now);

// The two halves of verify_access_token. The first depends only on the
// token and the keys, so its answer for a given token can be kept; the
// second is asked again at every use.
kernel::Result<AccessClaims> verify_signed_claims(std::string_view token, const std::vector<VerificationKey>& keys);
kernel::Status check_validity_window(const AccessClaims& claims, std::int64_t now);

}  // namespace emporium::user
