#pragma once
// The kernel's TokenVerifier: a valid signature is not enough, the account
// must still be active, and its role is read from the database, so disabling
// an account or changing its role takes effect on the next request.
#include <cstdint>
#include <optional>
#include <string_view>

#include "access_tokens.hpp"
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"

namespace emporium::user {

struct VerifiedToken {
  kernel::Principal principal;
  std::int64_t expires_at = 0;
};

class AccountTokenVerifier final : public kernel::TokenVerifier {
 public:
  AccountTokenVerifier(kernel::Database& db, const AccessTokens& tokens) : db_(db), tokens_(tokens) {}

  std::optional<kernel::Principal> verify(std::string_view access_token) override;
  // The same check, with the token's expiry (POST /auth/verify).
  std::optional<VerifiedToken> inspect(std::string_view access_token);

 private:
  kernel::Database& db_;
  const AccessTokens& tokens_;
};

}  // namespace emporium::user
