#include "sessions.hpp"

#include "account_store.hpp"
#include "emporium/kernel/log.hpp"
#include "opaque_token.hpp"
#include "refresh_token_store.hpp"
#include "unix_time.hpp"
#include "user_module_id.hpp"

namespace emporium::user {
namespace {

kernel::Error invalid() { return {"invalid_refresh_token", "The refresh token is invalid, expired or revoked."}; }

}  // namespace

Session Sessions::issue(kernel::Tx& tx, const std::string& family_id, const std::string& user_id, kernel::Role role) {
  auto refresh = new_opaque_token();
  RefreshTokenStore(tx).insert(refresh.hash, family_id, user_id, refresh_ttl_seconds_);
  auto access = tokens_.issue(user_id, role, unix_now());
  return {std::move(access.token), access.expires_at, std::move(refresh.value)};
}

Session Sessions::start(kernel::Tx& tx, const std::string& user_id, kernel::Role role) {
  return issue(tx, new_id("fam_"), user_id, role);
}

Session Sessions::start(const std::string& user_id, kernel::Role role) {
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) { return start(tx, user_id, role); });
}

kernel::Result<Session> Sessions::refresh(const std::string& refresh_token) {
  auto hash = opaque_token_hash(refresh_token);
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) -> kernel::Result<Session> {
    RefreshTokenStore store(tx);
    auto row = store.lock(hash);
    if (!row || row->revoked || row->expired) return invalid();
    if (row->used) {
      store.revoke_family(row->family_id);
      kernel::log::warn("user", "refresh token reused; session revoked", {{"user_id", row->user_id}});
      return kernel::Error{"refresh_token_reused", "This refresh token was already used; the session is revoked."};
    }
    auto state = AccountStore(tx).state(row->user_id);
    if (!state || !state->active) {
      store.revoke_family(row->family_id);
      return invalid();
    }
    store.mark_used(hash);
    return issue(tx, row->family_id, row->user_id, state->role);
  });
}

void Sessions::end(const std::string& refresh_token) {
  auto hash = opaque_token_hash(refresh_token);
  db_.transact(user_module_id(), [&](kernel::Tx& tx) {
    RefreshTokenStore store(tx);
    if (auto row = store.lock(hash)) store.revoke_family(row->family_id);
  });
}

}  // namespace emporium::user
