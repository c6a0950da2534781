#pragma once
// SQL of users.refresh_tokens (hashes only; see opaque_token.hpp).
#include <cstdint>
#include <optional>
#include <string>

#include "emporium/kernel/database.hpp"

namespace emporium::user {

struct RefreshTokenRow {
  std::string user_id;
  std::string family_id;
  bool used = false;
  bool revoked = false;
  bool expired = false;
};

class RefreshTokenStore {
 public:
  explicit RefreshTokenStore(kernel::Tx& tx) : tx_(tx) {}

  void insert(const std::string& token_hash, const std::string& family_id, const std::string& user_id,
              std::int64_t ttl_seconds);
  // Locks the row until the transaction ends, so two refreshes with the same
  // token are serialised and the second one sees the first one's use.
  std::optional<RefreshTokenRow> lock(const std::string& token_hash);
  void mark_used(const std::string& token_hash);
  void revoke_family(const std::string& family_id);
  void revoke_all_of(const std::string& user_id);
  void delete_all_of(const std::string& user_id);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::user
