#pragma once
// Sign-in sessions: an access token plus a rotating refresh token. A session
// is a family of refresh tokens; each refresh uses up one token and adds the
// next. A used token presented again revokes the whole family, so a thief and
// the victim cannot both keep a stolen session alive.
#include <cstdint>
#include <string>

#include "access_tokens.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::user {

struct Session {
  std::string access_token;
  std::int64_t expires_at = 0;  // of the access token, unix seconds
  std::string refresh_token;
};

class Sessions {
 public:
  Sessions(kernel::Database& db, const AccessTokens& tokens, std::int64_t refresh_ttl_seconds)
      : db_(db), tokens_(tokens), refresh_ttl_seconds_(refresh_ttl_seconds) {}

  // A new family, in the caller's unit of work.
  Session start(kernel::Tx& tx, const std::string& user_id, kernel::Role role);
  Session start(const std::string& user_id, kernel::Role role);
  // Errors: invalid_refresh_token (unknown, expired, revoked, or the account
  // is no longer active), refresh_token_reused (the family is now revoked).
  kernel::Result<Session> refresh(const std::string& refresh_token);
  // Revokes the token's family; unknown tokens are ignored.
  void end(const std::string& refresh_token);

  std::int64_t refresh_ttl_seconds() const { return refresh_ttl_seconds_; }

 private:
  Session issue(kernel::Tx& tx, const std::string& family_id, const std::string& user_id, kernel::Role role);

  kernel::Database& db_;
  const AccessTokens& tokens_;
  std::int64_t refresh_ttl_seconds_;
};

}  // namespace emporium::user
