#pragma once
// Implements the public `Users` interface over the account store.
#include "emporium/kernel/database.hpp"
#include "emporium/user/users.hpp"

namespace emporium::user {

class UsersService final : public Users {
 public:
  explicit UsersService(kernel::Database& db) : db_(db) {}

  std::optional<UserSummary> find(const std::string& user_id) override;
  std::vector<UserSummary> find_many(const std::vector<std::string>& user_ids) override;
  std::optional<UserSummary> find_by_email(const std::string& email) override;
  std::vector<UserSummary> find_by_role(kernel::Role role) override;
  std::optional<PostalAddress> find_address(const std::string& user_id, const std::string& address_id) override;

 private:
  kernel::Database& db_;
};

}  // namespace emporium::user
