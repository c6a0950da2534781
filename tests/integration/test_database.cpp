#include "test_database.hpp"

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "emporium/kernel/migrations.hpp"
#include "modules.hpp"

namespace emporium::testing {
namespace {

// Owns the server for the whole test process; the destructor runs at exit.
struct TestServer {
  TempDir dir;
  std::unique_ptr<kernel::EmbeddedPostgres> server;

  TestServer() {
    server = std::make_unique<kernel::EmbeddedPostgres>(kernel::EmbeddedPostgresOptions{.data_dir = dir.path()});
    const kernel::Status started = server->start();
    if (!started) throw std::runtime_error("test database server: " + started.error().message);
  }
};

std::string sanitized(std::string_view prefix) {
  std::string name;
  for (char c : prefix) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      name += c;
    } else if (c >= 'A' && c <= 'Z') {
      name += static_cast<char>(c - 'A' + 'a');
    } else {
      name += '_';
    }
  }
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) name.insert(0, "db_");
  return name.substr(0, 40);
}

}  // namespace

TempDir::TempDir() {
  // Short and under /tmp: the server's socket path must fit in 107 characters.
  char pattern[] = "/tmp/emporium-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::system_error(errno, std::generic_category(), "mkdtemp");
  path_ = pattern;
  if (geteuid() == 0) {
    // As root the server runs as the postgres user, which must reach the cluster.
    const passwd* postgres = getpwnam("postgres");
    if (postgres == nullptr || chown(pattern, postgres->pw_uid, postgres->pw_gid) != 0) {
      throw std::runtime_error("cannot hand " + path_.string() + " to the postgres OS user");
    }
  }
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

kernel::EmbeddedPostgres& test_server() {
  static TestServer instance;
  return *instance.server;
}

std::string fresh_database(std::string_view prefix) {
  static std::atomic<int> counter{0};
  kernel::EmbeddedPostgres& server = test_server();
  const std::string name = sanitized(prefix) + "_" + std::to_string(++counter);
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(server.connection_string("postgres").c_str()),
                                                    &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("test database server: ") + PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexec(conn.get(), ("CREATE DATABASE \"" + name + "\"").c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error("CREATE DATABASE " + name + ": " + PQresultErrorMessage(result.get()));
  }
  return server.connection_string(name);
}

const std::vector<kernel::ModuleId>& all_modules() {
  // The composition root's modules, in its order (dependencies first).
  static const std::vector<kernel::ModuleId> modules = app::module_ids(app::make_modules());
  return modules;
}

const kernel::ModuleId& module_named(std::string_view name) {
  for (const kernel::ModuleId& module : all_modules()) {
    if (module.name == name) return module;
  }
  throw std::logic_error("no module " + std::string(name));
}

std::string migrated_database(std::string_view prefix) {
  const std::string connection_string = fresh_database(prefix);
  auto migrations = kernel::parse_migrations(generated::embedded_migrations());
  if (!migrations) throw std::runtime_error(migrations.error().message);
  auto applied = kernel::apply_migrations(connection_string, all_modules(), *migrations);
  if (!applied) throw std::runtime_error(applied.error().message);
  return connection_string;
}

}  // namespace emporium::testing
