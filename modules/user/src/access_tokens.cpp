#include "access_tokens.hpp"

namespace emporium::user {

IssuedAccessToken AccessTokens::issue(const std::string& user_id, kernel::Role role, std::int64_t now) const {
  AccessClaims claims{user_id, role, now, now, now + ttl_seconds_};
  return {sign_access_token(ring_.active, claims), claims.expires_at};
}

kernel::Result<AccessClaims> AccessTokens::verify(std::string_view token, std::int64_t now) const {
  return verify_access_token(token, ring_.verification, now);
}

}  // namespace emporium::user
