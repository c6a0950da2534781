#include "refresh_token_store.hpp"

namespace emporium::user {

void RefreshTokenStore::insert(const std::string& token_hash, const std::string& family_id, const std::string& user_id,
                               std::int64_t ttl_seconds) {
  long long ttl = ttl_seconds;
  tx_.sql() << "INSERT INTO users.refresh_tokens (token_hash, family_id, user_id, expires_at) "
               "VALUES (:hash, :family, :user_id, now() + make_interval(secs => :ttl))",
      soci::use(token_hash, "hash"), soci::use(family_id, "family"), soci::use(user_id, "user_id"),
      soci::use(ttl, "ttl");
}

std::optional<RefreshTokenRow> RefreshTokenStore::lock(const std::string& token_hash) {
  RefreshTokenRow out;
  int used = 0, revoked = 0, expired = 0;
  tx_.sql() << "SELECT user_id, family_id, CAST(used_at IS NOT NULL AS integer), "
               "CAST(revoked_at IS NOT NULL AS integer), CAST(expires_at <= now() AS integer) "
               "FROM users.refresh_tokens WHERE token_hash = :hash FOR UPDATE",
      soci::use(token_hash, "hash"), soci::into(out.user_id), soci::into(out.family_id), soci::into(used),
      soci::into(revoked), soci::into(expired);
  if (!tx_.sql().got_data()) return std::nullopt;
  out.used = used != 0;
  out.revoked = revoked != 0;
  out.expired = expired != 0;
  return out;
}

void RefreshTokenStore::mark_used(const std::string& token_hash) {
  tx_.sql() << "UPDATE users.refresh_tokens SET used_at = now() WHERE token_hash = :hash", soci::use(token_hash, "hash");
}

void RefreshTokenStore::revoke_family(const std::string& family_id) {
  tx_.sql() << "UPDATE users.refresh_tokens SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL",
      soci::use(family_id, "family");
}

void RefreshTokenStore::revoke_all_of(const std::string& user_id) {
  tx_.sql() << "UPDATE users.refresh_tokens SET revoked_at = now() WHERE user_id = :user_id AND revoked_at IS NULL",
      soci::use(user_id, "user_id");
}

void RefreshTokenStore::delete_all_of(const std::string& user_id) {
  tx_.sql() << "DELETE FROM users.refresh_tokens WHERE user_id = :user_id", soci::use(user_id, "user_id");
}

}  // namespace emporium::user
