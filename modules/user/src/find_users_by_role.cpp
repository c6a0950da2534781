#include <soci/soci.h>

#include "emporium/user/accounts.hpp"
#include "user_module_id.hpp"

namespace emporium::user {

std::vector<UserSummary> find_users_by_role(kernel::Database& db, kernel::Role role) {
  return db.transact(user_module_id(), [&](kernel::Tx& tx) {
    std::string role_text(kernel::role_name(role));
    std::vector<UserSummary> users;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, email, name FROM users.accounts "
                             "WHERE role = :role AND deleted_at IS NULL AND NOT disabled ORDER BY created_at, id",
         soci::use(role_text, "role"));
    for (const auto& row : rows) {
      users.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), role, false});
    }
    return users;
  });
}

}  // namespace emporium::user
