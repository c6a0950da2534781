#pragma once
// SQL of users.login_throttle. Keys are stored as SHA-256 hashes.
#include <cstdint>
#include <string>

#include "emporium/kernel/database.hpp"
#include "login_throttle.hpp"

namespace emporium::user {

enum class ThrottleScope { account, address };

class ThrottleStore {
 public:
  explicit ThrottleStore(kernel::Tx& tx) : tx_(tx) {}

  // The record of a key; all zero when it has none.
  FailureRecord load(ThrottleScope scope, const std::string& key);
  // The same, locked until the transaction ends so that concurrent failures
  // on several instances all count.
  FailureRecord lock(ThrottleScope scope, const std::string& key);
  void save(ThrottleScope scope, const std::string& key, const FailureRecord& record);
  void clear(ThrottleScope scope, const std::string& key);
  // Drops records that neither count nor lock any more.
  void prune(std::int64_t now, std::int64_t window_seconds);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::user
