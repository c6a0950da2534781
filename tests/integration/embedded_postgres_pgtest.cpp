#include <doctest/doctest.h>
#include <fcntl.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "emporium/kernel/embedded_postgres.hpp"
#include "test_database.hpp"

using namespace emporium;
using emporium::testing::TempDir;

extern char** environ;

namespace {

kernel::EmbeddedPostgresOptions options_for(const TempDir& dir) {
  kernel::EmbeddedPostgresOptions options;
  options.data_dir = dir.path() / "var";
  return options;
}

std::filesystem::path lock_file(const TempDir& dir) { return dir.path() / "var" / "postgres" / "postmaster.pid"; }

long postmaster_pid(const TempDir& dir) {
  std::ifstream in(lock_file(dir));
  long pid = 0;
  in >> pid;
  return pid;
}

void start_or_fail(kernel::EmbeddedPostgres& server) {
  const kernel::Status started = server.start();
  REQUIRE_MESSAGE(started.has_value(), started.error().message);
  CHECK(server.running());
}

// A lock file left by a killed server: the real format, with `pid` in it.
void write_lock_file(const TempDir& dir, pid_t pid) {
  std::ofstream out(lock_file(dir), std::ios::trunc);
  out << pid << "\n" << (dir.path() / "var" / "postgres").string() << "\n1700000000\n5432\n"
      << (dir.path() / "var" / "postgres" / "run").string() << "\n\n  5432001         0\nready   \n";
}

pid_t spawn(std::vector<std::string> args) {
  // The server's OS user must own it: PostgreSQL itself treats a pid it may
  // not signal as stale, so only a same-user process makes the case real.
  if (geteuid() == 0) args.insert(args.begin(), {"setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"});
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(error == 0);
  return pid;
}

}  // namespace

TEST_CASE("the embedded server keeps its data across stop and start") {
  TempDir dir;
  kernel::EmbeddedPostgres server(options_for(dir));
  start_or_fail(server);
  {
    soci::session sql(soci::postgresql, server.connection_string());
    sql << "CREATE TABLE kept (value text)";
    sql << "INSERT INTO kept VALUES ('still here')";
  }
  const kernel::Status stopped = server.stop();
  REQUIRE_MESSAGE(stopped.has_value(), stopped.error().message);
  CHECK_FALSE(server.running());
  CHECK_FALSE(std::filesystem::exists(lock_file(dir)));

  start_or_fail(server);
  soci::session sql(soci::postgresql, server.connection_string());
  std::string value;
  sql << "SELECT value FROM kept", soci::into(value);
  CHECK(value == "still here");
}

TEST_CASE("the embedded server listens on its Unix socket only, never on TCP") {
  TempDir dir;
  kernel::EmbeddedPostgres server(options_for(dir));
  start_or_fail(server);
  CHECK(server.connection_string().find("host='" + (dir.path() / "var" / "postgres" / "run").string() + "'") !=
        std::string::npos);
  CHECK(std::filesystem::exists(dir.path() / "var" / "postgres" / "run" / ".s.PGSQL.5432"));
  soci::session sql(soci::postgresql, server.connection_string());
  std::string listen_addresses = "unset";
  sql << "SHOW listen_addresses", soci::into(listen_addresses);
  CHECK(listen_addresses.empty());
  std::string database;
  sql << "SELECT current_database()", soci::into(database);
  CHECK(database == "emporium");
}

TEST_CASE("a stale postmaster.pid naming a dead process does not stop the server from starting") {
  TempDir dir;
  kernel::EmbeddedPostgres server(options_for(dir));
  start_or_fail(server);
  REQUIRE(server.stop().has_value());
  const pid_t dead = spawn({"true"});
  int status = 0;
  REQUIRE(waitpid(dead, &status, 0) == dead);
  write_lock_file(dir, dead);

  start_or_fail(server);
  CHECK(postmaster_pid(dir) != dead);
  soci::session sql(soci::postgresql, server.connection_string());
}

TEST_CASE("a stale postmaster.pid whose pid now belongs to another program is removed") {
  TempDir dir;
  kernel::EmbeddedPostgres server(options_for(dir));
  start_or_fail(server);
  REQUIRE(server.stop().has_value());
  const pid_t other = spawn({"sleep", "60"});
  write_lock_file(dir, other);

  const kernel::Status started = server.start();
  kill(other, SIGKILL);
  int status = 0;
  waitpid(other, &status, 0);
  REQUIRE_MESSAGE(started.has_value(), started.error().message);
  CHECK(postmaster_pid(dir) != other);
  soci::session sql(soci::postgresql, server.connection_string());
}

TEST_CASE("a stale postmaster.pid naming a dead server that nobody reaped yet is removed") {
  TempDir dir;
  kernel::EmbeddedPostgres server(options_for(dir));
  start_or_fail(server);
  REQUIRE(server.stop().has_value());
  // Exits at once but stays a zombie named postgres until we reap it, as a
  // killed server does under an init that reaps late.
  const pid_t zombie = spawn({"/usr/lib/postgresql/15/bin/postgres", "--version"});
  siginfo_t info{};
  REQUIRE(waitid(P_PID, static_cast<id_t>(zombie), &info, WEXITED | WNOWAIT) == 0);
  write_lock_file(dir, zombie);

  const auto before = std::chrono::steady_clock::now();
  const kernel::Status started = server.start();
  int status = 0;
  waitpid(zombie, &status, 0);
  REQUIRE_MESSAGE(started.has_value(), started.error().message);
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(30));
  CHECK(postmaster_pid(dir) != zombie);
}

TEST_CASE("a server orphaned by an earlier run on the same directory is stopped and started again") {
  TempDir dir;
  kernel::EmbeddedPostgres orphaned(options_for(dir));
  start_or_fail(orphaned);
  {
    soci::session sql(soci::postgresql, orphaned.connection_string());
    sql << "CREATE TABLE kept (value int)";
    sql << "INSERT INTO kept VALUES (42)";
  }
  const long orphan_pid = postmaster_pid(dir);

  kernel::EmbeddedPostgres server(options_for(dir));
  start_or_fail(server);
  CHECK(postmaster_pid(dir) != orphan_pid);
  {
    soci::session sql(soci::postgresql, server.connection_string());
    int value = 0;
    sql << "SELECT value FROM kept", soci::into(value);
    CHECK(value == 42);
  }
  // The orphan's object must not take the new server down with it.
  REQUIRE(server.stop().has_value());
}

TEST_CASE("a data directory too deep for a Unix socket path is refused with a clear message") {
  kernel::EmbeddedPostgresOptions options;
  options.data_dir = "/tmp/" + std::string(100, 'd');
  kernel::EmbeddedPostgres server(options);
  const kernel::Status started = server.start();
  REQUIRE_FALSE(started.has_value());
  CHECK(started.error().code == "socket_path_too_long");
  CHECK(started.error().message.find("shorter data directory") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(options.data_dir));
}
