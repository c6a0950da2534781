#include "emporium/kernel/embedded_postgres.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "emporium/kernel/log.hpp"
#include "emporium/kernel/sql_text.hpp"

extern char** environ;

namespace emporium::kernel {
namespace {

namespace fs = std::filesystem;

constexpr int kPort = 5432;  // only names the socket file: there is no TCP listener
constexpr std::size_t kMaxSocketPath = 107;  // sockaddr_un.sun_path holds 108 bytes with the NUL
constexpr std::string_view kSocketFile = "/.s.PGSQL.5432";

struct ChildResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

std::string join(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& arg : argv) {
    if (!text.empty()) text += ' ';
    text += arg;
  }
  return text;
}

std::string trim_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Runs argv without a shell, collecting its output. The child starts in "/"
// (the postgres user may not be allowed into our working directory) and
// inherits no descriptor beyond 0-2, so a server it launches never holds our
// listening sockets.
ChildResult run(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawn_file_actions_addchdir_np(&actions, "/");

  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  ChildResult result;
  if (spawn_error != 0) {
    close(pipe_fds[0]);
    result.output = "cannot run " + argv[0] + ": " + std::strerror(spawn_error);
    return result;
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n > 0) {
      result.output.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string tail(const fs::path& file, std::size_t lines) {
  std::ifstream in(file);
  if (!in) return "(no " + file.string() + ")";
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (last.size() > lines) last.pop_front();
  }
  std::string text;
  for (const std::string& kept : last) text += kept + "\n";
  return trim_end(text);
}

Error failure(const std::string& code, const std::vector<std::string>& argv, const ChildResult& result,
              const std::string& extra = {}) {
  std::string message = "`" + join(argv) + "` failed (exit " + std::to_string(result.exit_code) + ")";
  if (!trim_end(result.output).empty()) message += ": " + trim_end(result.output);
  if (!extra.empty()) message += "\n" + extra;
  return Error{code, message};
}

std::string quote_conninfo_value(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

struct OsUser {
  uid_t uid;
  gid_t gid;
};

// Lists the first directory on the way to `target` that `user` cannot
// search, so the error says what to change.
std::string first_blocking_dir(const fs::path& target, const OsUser& user) {
  fs::path walked;
  for (const fs::path& part : target) {
    walked /= part;
    struct stat info {};
    if (stat(walked.c_str(), &info) != 0) break;
    const mode_t bit = info.st_uid == user.uid ? S_IXUSR : info.st_gid == user.gid ? S_IXGRP : S_IXOTH;
    if ((info.st_mode & bit) == 0) return walked.string();
  }
  return {};
}

void chown_tree(const fs::path& root, const OsUser& user) {
  struct stat info {};
  if (lstat(root.c_str(), &info) == 0 && info.st_uid == user.uid && info.st_gid == user.gid) return;
  if (lchown(root.c_str(), user.uid, user.gid) != 0) {
    throw std::system_error(errno, std::generic_category(), "chown " + root.string());
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (lchown(entry.path().c_str(), user.uid, user.gid) != 0) {
      throw std::system_error(errno, std::generic_category(), "chown " + entry.path().string());
    }
  }
}

// A zombie counts as dead: a killed server that nobody reaped yet still
// answers kill(pid, 0) but will never remove its lock file.
bool is_live_postgres(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  const auto open = stat.find('(');
  const auto close = stat.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close + 2 >= stat.size()) return false;
  const std::string name = stat.substr(open + 1, close - open - 1);
  const char state = stat[close + 2];
  return name == "postgres" && state != 'Z' && state != 'X';
}

pid_t pid_in_lock_file(const fs::path& file) {
  std::ifstream in(file);
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return 0;
  return static_cast<pid_t>(pid);
}

bool server_answers(const std::string& conninfo) {
  return PQping((conninfo + " connect_timeout=5").c_str()) != PQPING_NO_RESPONSE;
}

Status create_database_if_missing(const std::string& admin_conninfo, const std::string& database) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(admin_conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Error{"database_start_failed", "cannot connect to the embedded server: " +
                                              trim_end(PQerrorMessage(conn.get()))};
  }
  const char* params[] = {database.c_str()};
  std::unique_ptr<PGresult, decltype(&PQclear)> exists(
      PQexecParams(conn.get(), "SELECT 1 FROM pg_database WHERE datname = $1", 1, nullptr, params, nullptr, nullptr, 0),
      &PQclear);
  if (PQresultStatus(exists.get()) != PGRES_TUPLES_OK) {
    return Error{"database_start_failed", trim_end(PQresultErrorMessage(exists.get()))};
  }
  if (PQntuples(exists.get()) > 0) return Ok{};
  std::unique_ptr<PGresult, decltype(&PQclear)> created(
      PQexec(conn.get(), ("CREATE DATABASE " + quote_identifier(database)).c_str()), &PQclear);
  if (PQresultStatus(created.get()) != PGRES_COMMAND_OK) {
    const char* state = PQresultErrorField(created.get(), PG_DIAG_SQLSTATE);
    // Another process created it between our check and our CREATE.
    if (state != nullptr && std::string_view(state) == "42P04") return Ok{};
    return Error{"database_start_failed", "cannot create database " + database + ": " +
                                              trim_end(PQresultErrorMessage(created.get()))};
  }
  log::info("kernel", "created database", {{"database", std::string_view(database)}});
  return Ok{};
}

}  // namespace

EmbeddedPostgres::EmbeddedPostgres(EmbeddedPostgresOptions options) : options_(std::move(options)) {
  cluster_dir_ = fs::absolute(options_.data_dir).lexically_normal() / "postgres";
  socket_dir_ = cluster_dir_ / "run";
}

EmbeddedPostgres::~EmbeddedPostgres() {
  if (running_) (void)stop();
}

std::string EmbeddedPostgres::connection_string() const { return connection_string(options_.database); }

std::string EmbeddedPostgres::connection_string(const std::string& database) const {
  return "host=" + quote_conninfo_value(socket_dir_.string()) + " port=" + std::to_string(kPort) +
         " dbname=" + quote_conninfo_value(database) + " user=postgres";
}

Status EmbeddedPostgres::start() {
  if (running_) return Ok{};
  const std::string socket_path = socket_dir_.string() + std::string(kSocketFile);
  if (socket_path.size() > kMaxSocketPath) {
    return Error{"socket_path_too_long",
                 "the embedded database socket " + socket_path + " is " + std::to_string(socket_path.size()) +
                     " characters long; Unix sockets allow " + std::to_string(kMaxSocketPath) +
                     ": use a shorter data directory"};
  }
  if (socket_dir_.string().find('\'') != std::string::npos) {
    return Error{"bad_data_dir", "the data directory must not contain a quote: " + cluster_dir_.string()};
  }

  const bool as_root = geteuid() == 0;
  OsUser owner{geteuid(), getegid()};
  if (as_root) {
    const passwd* entry = getpwnam(options_.os_user.c_str());
    if (entry == nullptr) {
      return Error{"database_start_failed", "PostgreSQL refuses to run as root and there is no OS user '" +
                                               options_.os_user + "' to run it as"};
    }
    owner = OsUser{entry->pw_uid, entry->pw_gid};
  }
  // PostgreSQL refuses to run as root, so as root every tool runs as the
  // unprivileged owner of the cluster.
  auto command = [&](std::vector<std::string> argv) {
    if (!as_root) return argv;
    std::vector<std::string> wrapped{"runuser", "-u", options_.os_user, "--"};
    wrapped.insert(wrapped.end(), argv.begin(), argv.end());
    return wrapped;
  };
  const std::string pg_ctl = options_.bin_dir + "/pg_ctl";
  const fs::path lock_file = cluster_dir_ / "postmaster.pid";
  const fs::path server_log = cluster_dir_ / "server.log";

  try {
    fs::create_directories(cluster_dir_);
    fs::permissions(cluster_dir_, fs::perms::owner_all, fs::perm_options::replace);
    if (as_root) {
      chown_tree(cluster_dir_, owner);
      const auto probe = command({"test", "-w", cluster_dir_.string()});
      if (run(probe).exit_code != 0) {
        const std::string blocking = first_blocking_dir(cluster_dir_, owner);
        return Error{"database_start_failed",
                     "the '" + options_.os_user + "' OS user cannot write to " + cluster_dir_.string() +
                         (blocking.empty() ? std::string()
                                           : "; it cannot enter " + blocking + " (e.g. chmod o+x " + blocking + ")") +
                         ": choose a data directory it can reach"};
      }
    }

    if (!fs::exists(cluster_dir_ / "PG_VERSION")) {
      const auto initdb = command({options_.bin_dir + "/initdb", "-D", cluster_dir_.string(), "-U", "postgres",
                                   "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"});
      const ChildResult result = run(initdb);
      if (result.exit_code != 0) return failure("database_start_failed", initdb, result);
      log::info("kernel", "created database cluster", {{"dir", std::string_view(cluster_dir_.string())}});
    }

    fs::create_directories(socket_dir_);
    fs::permissions(socket_dir_, fs::perms::owner_all, fs::perm_options::replace);
    if (as_root) chown_tree(socket_dir_, owner);

    const auto status = command({pg_ctl, "status", "-D", cluster_dir_.string()});
    const ChildResult status_result = run(status);
    if (status_result.exit_code == 0) {
      // The lock file names a live process. A postgres process there is a
      // server left by a run that was killed: stop it and start afresh.
      // Anything else is a stale file whose pid was reused, which PostgreSQL
      // would refuse to start over.
      const pid_t pid = pid_in_lock_file(lock_file);
      if (server_answers(connection_string("postgres")) || (pid > 0 && is_live_postgres(pid))) {
        log::warn("kernel", "stopping a database server left running by an earlier run", {{"pid", std::int64_t{pid}}});
        const auto stop = command({pg_ctl, "-w", "stop", "-m", "fast", "-D", cluster_dir_.string()});
        const ChildResult stopped = run(stop);
        if (stopped.exit_code != 0) return failure("database_start_failed", stop, stopped, tail(server_log, 20));
      } else {
        log::warn("kernel", "removing a stale postmaster.pid", {{"pid", std::int64_t{pid}}});
        fs::remove(lock_file);
      }
    } else if (fs::exists(lock_file)) {
      log::warn("kernel", "removing a stale postmaster.pid");
      fs::remove(lock_file);
    }

    const std::string server_options =
        "-c listen_addresses='' -k '" + socket_dir_.string() + "' -p " + std::to_string(kPort);
    const auto start = command(
        {pg_ctl, "-w", "-t", "120", "start", "-D", cluster_dir_.string(), "-l", server_log.string(), "-o", server_options});
    const ChildResult started = run(start);
    if (started.exit_code != 0) {
      return failure("database_start_failed", start, started, "server.log:\n" + tail(server_log, 20));
    }
  } catch (const std::exception& e) {
    return Error{"database_start_failed", std::string("embedded database: ") + e.what()};
  }
  running_ = true;
  log::info("kernel", "database server started", {{"socket_dir", std::string_view(socket_dir_.string())}});
  return create_database_if_missing(connection_string("postgres"), options_.database);
}

Status EmbeddedPostgres::stop() {
  if (!running_) return Ok{};
  std::vector<std::string> stop{options_.bin_dir + "/pg_ctl", "-w", "stop", "-m", "fast", "-D", cluster_dir_.string()};
  if (geteuid() == 0) stop.insert(stop.begin(), {"runuser", "-u", options_.os_user, "--"});
  running_ = false;
  try {
    const ChildResult result = run(stop);
    if (result.exit_code != 0) return failure("database_stop_failed", stop, result, tail(cluster_dir_ / "server.log", 20));
  } catch (const std::exception& e) {
    return Error{"database_stop_failed", std::string("embedded database: ") + e.what()};
  }
  log::info("kernel", "database server stopped");
  return Ok{};
}

}  // namespace emporium::kernel
