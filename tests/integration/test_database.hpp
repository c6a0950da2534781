#pragma once
// The integration test process's throwaway PostgreSQL server. Each test gets
// its own database on it, so tests never see each other's rows.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/embedded_postgres.hpp"
#include "emporium/kernel/module_id.hpp"

namespace emporium::testing {

// The test process's PostgreSQL server, started on first use in a fresh temp
// dir (mkdtemp under /tmp, short path), stopped and removed at process exit.
kernel::EmbeddedPostgres& test_server();

// Creates a new empty database with a unique name starting with `prefix` and
// returns its connection string.
std::string fresh_database(std::string_view prefix);

// The ModuleIds of all nine modules (order's schema is "orders").
const std::vector<kernel::ModuleId>& all_modules();
// The one of them called `name` ("cart", "order", ...); throws if none is.
const kernel::ModuleId& module_named(std::string_view name);

// A fresh database with every embedded migration applied
// (emporium::generated::embedded_migrations()).
std::string migrated_database(std::string_view prefix);

// A fresh short directory under /tmp that the database server's OS user may
// use (handed to `postgres` when running as root); removed with its contents
// on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace emporium::testing
