#pragma once
// Schema migrations: plain SQL files migrations/<module>/NNN_description.sql,
// compiled into the binary. Each module gets its schema and a NOLOGIN role
// `emporium_<module>` that owns it (the login role is made a member so it can
// SET ROLE), plus the kernel's event tables (outbox, inbox). Each migration
// runs in its own transaction under the module's role and is recorded in
// emporium_meta.schema_migrations with a SHA-256 checksum. A changed applied
// migration stops the run. A session-level advisory lock makes concurrent
// starts apply each migration once.
#include <string>
#include <string_view>
#include <vector>

namespace soci { class session; }

#include "emporium/kernel/embedded_file.hpp"
#include "emporium/kernel/module_id.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::kernel {

struct Migration {
  std::string module;
  int number = 0;
  std::string name;  // file name, e.g. "001_schema.sql"
  std::string sql;
  std::string checksum;  // hex SHA-256 of sql
};

// Parses "migrations/<module>/NNN_description.sql" entries; files that are
// not .sql are ignored; a bad name is an error. Sorted by module, number.
Result<std::vector<Migration>> parse_migrations(const std::vector<EmbeddedFile>& files);
std::string sha256_hex(std::string_view data);

struct MigrationReport {
  int applied = 0;
  int already_applied = 0;
};

// Applies pending migrations for `modules` (in that order). Connects with
// `connection_string` as a role that can create roles and schemas.
Result<MigrationReport> apply_migrations(const std::string& connection_string,
                                         const std::vector<ModuleId>& modules,
                                         const std::vector<Migration>& migrations);

// True when every migration is applied with a matching checksum.
Result<bool> migrations_up_to_date(soci::session& sql, const std::vector<Migration>& migrations);

}  // namespace emporium::kernel
