#include "emporium/kernel/migrations.hpp"

#include <openssl/evp.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "emporium/kernel/database.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "emporium/kernel/log.hpp"

namespace emporium::kernel {
namespace {

constexpr std::string_view kPrefix = "migrations/";
constexpr std::string_view kSuffix = ".sql";
constexpr std::string_view kEventTablesName = "000_event_tables.sql";
// Any constant works as long as every instance uses the same one; this is
// "emporium" in ASCII.
constexpr std::int64_t kLockKey = 0x656d706f7269756d;

bool is_lower_word(std::string_view text, bool allow_dash) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-');
  });
}

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error bad_name(std::string_view path, std::string_view why) {
  return Error{"bad_migration_name",
               "bad migration file name " + std::string(path) + ": " + std::string(why) +
                   " (expected migrations/<module>/NNN_description.sql)"};
}


// The kernel's per-module event tables, versioned as the module's
// migration 0 so a later change to them is caught like any other.
std::string event_tables_sql(const ModuleId& module) {
  const std::string schema = quote_identifier(module.schema);
  return "CREATE TABLE " + schema + R"(.outbox (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  version int NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  relayed_at timestamptz
);
CREATE INDEX outbox_pending_idx ON )" + schema + R"(.outbox (occurred_at) WHERE relayed_at IS NULL;
CREATE TABLE )" + schema + R"(.inbox (
  event_id uuid,
  subscriber text,
  event_name text NOT NULL,
  event_version int NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  source text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'parked')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  PRIMARY KEY (event_id, subscriber)
);
CREATE INDEX inbox_pending_idx ON )" + schema + R"(.inbox (subscriber, next_attempt_at) WHERE status = 'pending';
)";
}

Migration event_tables_migration(const ModuleId& module) {
  Migration migration;
  migration.module = module.name;
  migration.number = 0;
  migration.name = std::string(kEventTablesName);
  migration.sql = event_tables_sql(module);
  migration.checksum = sha256_hex(migration.sql);
  return migration;
}

class SqlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

PGconn* native_connection(soci::session& sql) {
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

// Runs SQL text through PQexec directly: it may hold several statements, and
// SOCI would rewrite any `:name` in it (PL/pgSQL `:=`, casts) as a bind.
void exec(PGconn* conn, const std::string& text) {
  PGresult* result = PQexec(conn, text.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    PQclear(result);
    return;
  }
  std::string message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  PQclear(result);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  throw SqlError(message);
}

void rollback_quietly(PGconn* conn) {
  if (PQtransactionStatus(conn) != PQTRANS_IDLE) PQclear(PQexec(conn, "ROLLBACK"));
}

// Session-level, so it spans the per-migration transactions; released on
// every path (and by the server if the connection drops).
class AdvisoryLock {
 public:
  explicit AdvisoryLock(PGconn* conn) : conn_(conn) {
    exec(conn_, "SELECT pg_advisory_lock(" + std::to_string(kLockKey) + ")");
  }
  ~AdvisoryLock() {
    rollback_quietly(conn_);
    PQclear(PQexec(conn_, ("SELECT pg_advisory_unlock(" + std::to_string(kLockKey) + ")").c_str()));
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  PGconn* conn_;
};

const char* const kMetaSql = R"(
CREATE SCHEMA IF NOT EXISTS emporium_meta;
CREATE TABLE IF NOT EXISTS emporium_meta.schema_migrations (
  module text NOT NULL,
  number int NOT NULL,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (module, number)
);
)";

// Extensions need privileges on the database that module roles do not have,
// so the login role creates the few that module migrations use, in `public`
// (which every role may use): pg_trgm for the catalog's typo-tolerant search.
const char* const kExtensionsSql = "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public";

using Applied = std::map<std::pair<std::string, int>, std::string>;  // (module, number) -> checksum

Applied load_applied(soci::session& sql) {
  Applied applied;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT module, number, checksum FROM emporium_meta.schema_migrations");
  for (const soci::row& row : rows) {
    applied.emplace(std::make_pair(row.get<std::string>(0), row.get<int>(1)), row.get<std::string>(2));
  }
  return applied;
}

// Roles are cluster-wide, so another database's migration run may create the
// same role or grant at the same moment: losing that race is success.
void prepare_module(PGconn* conn, const ModuleId& module) {
  const std::string role = quote_identifier(module.role());
  const std::string schema = quote_identifier(module.schema);
  exec(conn, "DO $emporium$ BEGIN\n"
             "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + quote_literal(module.role()) + ") THEN\n"
             "    CREATE ROLE " + role + " NOLOGIN;\n"
             "  END IF;\n"
             "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\n"
             "END $emporium$");
  // Membership lets a login role that is not a superuser SET ROLE to it.
  exec(conn, "DO $emporium$ BEGIN\n"
             "  IF NOT pg_has_role(current_user, " + quote_literal(module.role()) + ", 'MEMBER') THEN\n"
             "    GRANT " + role + " TO CURRENT_USER;\n"
             "  END IF;\n"
             "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\n"
             "END $emporium$");
  exec(conn, "CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + role);
  exec(conn, "REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
}

std::string label(const Migration& migration) { return migration.module + "/" + migration.name; }

Error checksum_mismatch(const Migration& migration) {
  return Error{"checksum_mismatch", "migration " + label(migration) +
                                        " was changed after it was applied (checksum mismatch); restore it and "
                                        "add a new migration instead"};
}

// One transaction under the module's role; the record is written as the
// login role in the same transaction, so a migration is applied and
// recorded together or not at all.
void run_migration(soci::session& sql, const ModuleId& module, const Migration& migration) {
  PGconn* conn = native_connection(sql);
  try {
    exec(conn, "BEGIN");
    exec(conn, "SET LOCAL ROLE " + quote_identifier(module.role()));
    // Unqualified names land in the module's own schema, never in public.
    exec(conn, "SET LOCAL search_path TO " + quote_identifier(module.schema) + ", public");
    exec(conn, migration.sql);
    exec(conn, "RESET ROLE");
    sql << "INSERT INTO emporium_meta.schema_migrations (module, number, name, checksum) "
           "VALUES (:module, :number, :name, :checksum)",
        soci::use(migration.module, "module"), soci::use(migration.number, "number"),
        soci::use(migration.name, "name"), soci::use(migration.checksum, "checksum");
    exec(conn, "COMMIT");
  } catch (...) {
    rollback_quietly(conn);
    throw;
  }
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

Result<std::vector<Migration>> parse_migrations(const std::vector<EmbeddedFile>& files) {
  std::vector<Migration> migrations;
  for (const EmbeddedFile& file : files) {
    const std::string_view path = file.path;
    if (path.size() < kSuffix.size() || path.substr(path.size() - kSuffix.size()) != kSuffix) continue;
    if (path.substr(0, kPrefix.size()) != kPrefix) return bad_name(path, "not under migrations/");
    const std::string_view rest = path.substr(kPrefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || rest.find('/', slash + 1) != std::string_view::npos) {
      return bad_name(path, "not directly in a module's directory");
    }
    const std::string_view module = rest.substr(0, slash);
    const std::string_view name = rest.substr(slash + 1);
    if (!is_lower_word(module, false)) return bad_name(path, "module names are lower-case letters, digits and _");
    const std::string_view stem = name.substr(0, name.size() - kSuffix.size());
    const auto underscore = stem.find('_');
    if (underscore == std::string_view::npos) return bad_name(path, "no _description after the number");
    const std::string_view number = stem.substr(0, underscore);
    const std::string_view description = stem.substr(underscore + 1);
    if (number.size() != 3 || !is_digits(number)) return bad_name(path, "the number must have three digits");
    if (number == "000") return bad_name(path, "000 is the kernel's event tables migration");
    if (!is_lower_word(description, true)) {
      return bad_name(path, "the description is lower-case letters, digits, _ and -");
    }
    Migration migration;
    migration.module = std::string(module);
    migration.number = std::stoi(std::string(number));
    migration.name = std::string(name);
    migration.sql = std::string(file.content);
    migration.checksum = sha256_hex(file.content);
    migrations.push_back(std::move(migration));
  }
  std::sort(migrations.begin(), migrations.end(), [](const Migration& a, const Migration& b) {
    return std::tie(a.module, a.number) < std::tie(b.module, b.number);
  });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].module == migrations[i - 1].module && migrations[i].number == migrations[i - 1].number) {
      return Error{"duplicate_migration", "migrations " + label(migrations[i - 1]) + " and " + label(migrations[i]) +
                                              " have the same number"};
    }
  }
  return migrations;
}

Result<MigrationReport> apply_migrations(const std::string& connection_string, const std::vector<ModuleId>& modules,
                                         const std::vector<Migration>& migrations) {
  std::set<std::string> known;
  for (const ModuleId& module : modules) known.insert(module.name);
  for (const Migration& migration : migrations) {
    if (known.count(migration.module) == 0) {
      return Error{"unknown_module", "migration " + label(migration) + " belongs to no module named " +
                                         migration.module};
    }
  }

  MigrationReport report;
  std::string current;  // names the step in a database error
  try {
    current = "connecting";
    soci::session sql(soci::postgresql, connection_string);
    PGconn* conn = native_connection(sql);
    current = "taking the migration lock";
    // "already exists, skipping" notices from the idempotent DDL are noise.
    exec(conn, "SET client_min_messages = warning");
    AdvisoryLock lock(conn);
    current = "creating emporium_meta.schema_migrations";
    exec(conn, kMetaSql);
    current = "creating the extensions that modules use (pg_trgm)";
    exec(conn, kExtensionsSql);
    const Applied applied = load_applied(sql);

    std::vector<std::pair<const ModuleId*, std::vector<Migration>>> plan;
    for (const ModuleId& module : modules) {
      std::vector<Migration> own{event_tables_migration(module)};
      for (const Migration& migration : migrations) {
        if (migration.module == module.name) own.push_back(migration);
      }
      plan.emplace_back(&module, std::move(own));
    }
    // Every applied migration is checked before anything runs, so an edited
    // file stops the run without leaving it half-way.
    for (const auto& [module, own] : plan) {
      for (const Migration& migration : own) {
        const auto found = applied.find({migration.module, migration.number});
        if (found != applied.end() && found->second != migration.checksum) return checksum_mismatch(migration);
      }
    }

    for (const auto& [module, own] : plan) {
      current = "preparing the schema and role of module " + module->name;
      exec(conn, "BEGIN");
      prepare_module(conn, *module);
      exec(conn, "COMMIT");
      for (const Migration& migration : own) {
        if (applied.count({migration.module, migration.number}) != 0) {
          ++report.already_applied;
          continue;
        }
        try {
          run_migration(sql, *module, migration);
        } catch (const std::exception& e) {
          return Error{"migration_failed", "migration " + label(migration) + " failed: " + e.what()};
        }
        ++report.applied;
        log::info("kernel", "migration applied", {{"module", migration.module}, {"migration", migration.name}});
      }
    }
  } catch (const std::exception& e) {
    return Error{"database_error", "migrations failed while " + current + ": " + e.what()};
  }
  return report;
}

Result<bool> migrations_up_to_date(soci::session& sql, const std::vector<Migration>& migrations) {
  try {
    long long tables = 0;
    sql << "SELECT count(*) FROM pg_catalog.pg_tables "
           "WHERE schemaname = 'emporium_meta' AND tablename = 'schema_migrations'",
        soci::into(tables);
    if (tables == 0) return false;
    const Applied applied = load_applied(sql);
    for (const Migration& migration : migrations) {
      const auto found = applied.find({migration.module, migration.number});
      if (found == applied.end() || found->second != migration.checksum) return false;
      if (applied.count({migration.module, 0}) == 0) return false;
    }
    return true;
  } catch (const std::exception& e) {
    return Error{"database_error", std::string("could not read the applied migrations: ") + e.what()};
  }
}

}  // namespace emporium::kernel
