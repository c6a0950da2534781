#include "reset_token_store.hpp"

namespace emporium::user {

std::int64_t ResetTokenStore::replace(const std::string& token_hash, const std::string& user_id,
                                      std::int64_t ttl_seconds) {
  long long ttl = ttl_seconds, expires_at = 0;
  tx_.sql() << "UPDATE users.password_reset_tokens SET used_at = now() WHERE user_id = :user_id AND used_at IS NULL",
      soci::use(user_id, "user_id");
  tx_.sql() << "INSERT INTO users.password_reset_tokens (token_hash, user_id, expires_at) "
               "VALUES (:hash, :user_id, now() + make_interval(secs => :ttl)) "
               "RETURNING CAST(extract(epoch FROM expires_at) AS bigint)",
      soci::use(token_hash, "hash"), soci::use(user_id, "user_id"), soci::use(ttl, "ttl"), soci::into(expires_at);
  return expires_at;
}

std::optional<std::string> ResetTokenStore::consume(const std::string& token_hash) {
  std::string user_id;
  tx_.sql() << "UPDATE users.password_reset_tokens SET used_at = now() "
               "WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() RETURNING user_id",
      soci::use(token_hash, "hash"), soci::into(user_id);
  if (!tx_.sql().got_data()) return std::nullopt;
  return user_id;
}

void ResetTokenStore::delete_all_of(const std::string& user_id) {
  tx_.sql() << "DELETE FROM users.password_reset_tokens WHERE user_id = :user_id", soci::use(user_id, "user_id");
}

}  // namespace emporium::user
