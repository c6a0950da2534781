#pragma once
// SQL of users.password_reset_tokens (hashes only).
#include <cstdint>
#include <optional>
#include <string>

#include "emporium/kernel/database.hpp"

namespace emporium::user {

class ResetTokenStore {
 public:
  explicit ResetTokenStore(kernel::Tx& tx) : tx_(tx) {}

  // Adds a token and retires the user's earlier unused ones: only the latest
  // email works. Returns its expiry as unix seconds.
  std::int64_t replace(const std::string& token_hash, const std::string& user_id, std::int64_t ttl_seconds);
  // Marks an unused, unexpired token used and returns its user; nullopt for
  // any other token. One statement, so a token cannot be used twice.
  std::optional<std::string> consume(const std::string& token_hash);
  void delete_all_of(const std::string& user_id);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::user
