#pragma once
// A private PostgreSQL server under a data directory, from the installed
// PostgreSQL binaries: initdb on first use, pg_ctl start/stop, listening on a
// Unix socket in the data directory only (no TCP port). When the process
// runs as root it runs the server as the unprivileged `postgres` user, who
// owns the cluster directory. A stale postmaster.pid from a killed run is
// handled; a server orphaned by a killed run is stopped and started again.
#include <filesystem>
#include <string>

#include "emporium/kernel/result.hpp"

namespace emporium::kernel {

struct EmbeddedPostgresOptions {
  std::filesystem::path data_dir;  // the cluster lives in <data_dir>/postgres
  std::string bin_dir = "/usr/lib/postgresql/15/bin";
  std::string database = "emporium";
  std::string os_user = "postgres";  // used only when running as root
};

class EmbeddedPostgres {
 public:
  explicit EmbeddedPostgres(EmbeddedPostgresOptions options);
  ~EmbeddedPostgres();  // stops the server if it is running
  EmbeddedPostgres(const EmbeddedPostgres&) = delete;
  EmbeddedPostgres& operator=(const EmbeddedPostgres&) = delete;

  // Creates the cluster if needed, starts it, creates the database.
  Status start();
  Status stop();
  bool running() const { return running_; }

  // A libpq connection string for the database, e.g.
  // "host=/abs/var/postgres/run port=5432 dbname=emporium user=postgres".
  std::string connection_string() const;
  std::string connection_string(const std::string& database) const;

 private:
  EmbeddedPostgresOptions options_;
  std::filesystem::path cluster_dir_;
  std::filesystem::path socket_dir_;
  bool running_ = false;
};

}  // namespace emporium::kernel
