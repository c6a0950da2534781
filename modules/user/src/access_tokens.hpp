#pragma once
// Issuing and checking access tokens with the key ring and the configured
// lifetime. Pure: the caller passes the time.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jwt.hpp"
#include "key_ring.hpp"
#include "verified_tokens.hpp"

namespace emporium::user {

struct IssuedAccessToken {
  std::string token;
  std::int64_t expires_at = 0;  // unix seconds
};

class AccessTokens {
 public:
  AccessTokens(KeyRing ring, std::int64_t ttl_seconds)
      : ring_(std::move(ring)), ttl_seconds_(ttl_seconds), verified_(std::make_unique<VerifiedTokens>()) {}

  IssuedAccessToken issue(const std::string& user_id, kernel::Role role, std::int64_t now) const;
  // verify_access_token, with the signature of a token seen before taken
  // as checked (verified_tokens.hpp).
  kernel::Result<AccessClaims> verify(std::string_view token, std::int64_t now) const;
  std::size_t tokens_verified() const { return verified_->size(); }
  const std::vector<VerificationKey>& keys() const { return ring_.verification; }

 private:
  KeyRing ring_;
  std::int64_t ttl_seconds_;
  std::unique_ptr<VerifiedTokens> verified_;
};

}  // namespace emporium::user
