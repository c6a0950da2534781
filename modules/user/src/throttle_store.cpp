#include "throttle_store.hpp"

#include "encoding.hpp"

namespace emporium::user {
namespace {

std::string scope_name(ThrottleScope scope) { return scope == ThrottleScope::account ? "account" : "address"; }
std::string key_hash(const std::string& key) { return to_hex(sha256(key)); }

}  // namespace

FailureRecord ThrottleStore::load(ThrottleScope scope, const std::string& key) {
  std::string scope_text = scope_name(scope), hash = key_hash(key);
  long long failures = 0, window_started = 0, locked_until = 0;
  tx_.sql() << "SELECT failures, window_started, locked_until FROM users.login_throttle "
               "WHERE scope = :scope AND key_hash = :hash",
      soci::use(scope_text, "scope"), soci::use(hash, "hash"), soci::into(failures), soci::into(window_started),
      soci::into(locked_until);
  if (!tx_.sql().got_data()) return {};
  return {failures, window_started, locked_until};
}

FailureRecord ThrottleStore::lock(ThrottleScope scope, const std::string& key) {
  std::string scope_text = scope_name(scope), hash = key_hash(key);
  tx_.sql() << "INSERT INTO users.login_throttle (scope, key_hash, failures, window_started, locked_until) "
               "VALUES (:scope, :hash, 0, 0, 0) ON CONFLICT DO NOTHING",
      soci::use(scope_text, "scope"), soci::use(hash, "hash");
  long long failures = 0, window_started = 0, locked_until = 0;
  tx_.sql() << "SELECT failures, window_started, locked_until FROM users.login_throttle "
               "WHERE scope = :scope AND key_hash = :hash FOR UPDATE",
      soci::use(scope_text, "scope"), soci::use(hash, "hash"), soci::into(failures), soci::into(window_started),
      soci::into(locked_until);
  return {failures, window_started, locked_until};
}

void ThrottleStore::save(ThrottleScope scope, const std::string& key, const FailureRecord& record) {
  std::string scope_text = scope_name(scope), hash = key_hash(key);
  long long failures = record.failures, window_started = record.window_started, locked_until = record.locked_until;
  tx_.sql() << "INSERT INTO users.login_throttle (scope, key_hash, failures, window_started, locked_until) "
               "VALUES (:scope, :hash, :failures, :window_started, :locked_until) "
               "ON CONFLICT (scope, key_hash) DO UPDATE SET failures = EXCLUDED.failures, "
               "window_started = EXCLUDED.window_started, locked_until = EXCLUDED.locked_until",
      soci::use(scope_text, "scope"), soci::use(hash, "hash"), soci::use(failures, "failures"),
      soci::use(window_started, "window_started"), soci::use(locked_until, "locked_until");
}

void ThrottleStore::clear(ThrottleScope scope, const std::string& key) {
  std::string scope_text = scope_name(scope), hash = key_hash(key);
  tx_.sql() << "DELETE FROM users.login_throttle WHERE scope = :scope AND key_hash = :hash",
      soci::use(scope_text, "scope"), soci::use(hash, "hash");
}

void ThrottleStore::prune(std::int64_t now, std::int64_t window_seconds) {
  long long cutoff = now - window_seconds;
  // SKIP LOCKED: a row that a concurrent login holds is left for next time
  // instead of waiting on it (two prunes waiting on each other deadlock).
  tx_.sql() << "DELETE FROM users.login_throttle WHERE (scope, key_hash) IN ("
               "SELECT scope, key_hash FROM users.login_throttle "
               "WHERE GREATEST(window_started, locked_until) < :cutoff FOR UPDATE SKIP LOCKED)",
      soci::use(cutoff, "cutoff");
}

}  // namespace emporium::user
