#include "account_token_verifier.hpp"

#include "account_store.hpp"
#include "unix_time.hpp"
#include "user_module_id.hpp"

namespace emporium::user {

std::optional<kernel::Principal> AccountTokenVerifier::verify(std::string_view access_token) {
  auto verified = inspect(access_token);
  if (!verified) return std::nullopt;
  return verified->principal;
}

std::optional<VerifiedToken> AccountTokenVerifier::inspect(std::string_view access_token) {
  auto claims = tokens_.verify(access_token, unix_now());
  if (!claims) return std::nullopt;
  auto state = db_.transact(user_module_id(), [&](kernel::Tx& tx) {
    tx.commit_with_next_statement();
    return AccountStore(tx).state(claims->subject);
  });
  if (!state || !state->active) return std::nullopt;
  return VerifiedToken{{claims->subject, state->role}, claims->expires_at};
}

}  // namespace emporium::user
