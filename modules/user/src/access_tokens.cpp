#include "access_tokens.hpp"

namespace emporium::user {

IssuedAccessToken AccessTokens::issue(const std::string& user_id, kernel::Role role, std::int64_t now) const {
  AccessClaims claims{user_id, role, now, now, now + ttl_seconds_};
  return {sign_access_token(ring_.active, claims), claims.expires_at};
}

kernel::Result<AccessClaims> AccessTokens::verify(std::string_view token, std::int64_t now) const {
  auto claims = verified_->find(token);
  if (!claims) {
    auto checked = verify_signed_claims(token, ring_.verification);
    if (!checked) return checked;
    claims = checked.value();
    verified_->remember(token, *claims);
  }
  if (auto valid = check_validity_window(*claims, now); !valid) return valid.error();
  return *claims;
}

}  // namespace emporium::user
