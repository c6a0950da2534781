#pragma once
// What every notification pgtest needs of its database: the module's role,
// and a count by any query run under it.
#include <string>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"

namespace emporium::notification::pgtest {

inline const kernel::ModuleId& module() {
  static const kernel::ModuleId id{"notification", "notification"};
  return id;
}

inline long long count(kernel::Database& db, const std::string& query) {
  return db.transact(module(), [&](kernel::Tx& tx) {
    long long n = 0;
    tx.sql() << query, soci::into(n);
    return n;
  });
}

}  // namespace emporium::notification::pgtest
