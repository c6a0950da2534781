#pragma once
// What `serve` and `migrate` share: configuration from file, environment and
// flags, and a database (the embedded server or the configured URL).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/embedded_postgres.hpp"
#include "emporium/kernel/kernel_config.hpp"
#include "emporium/kernel/migrations.hpp"

namespace emporium::app {

struct LoadedConfig {
  kernel::Config config;
  kernel::KernelConfig kernel;
};

// The file is --config, else EMPORIUM_CONFIG, else none (defaults are built in).
kernel::Result<LoadedConfig> load_config(const std::optional<std::string>& config_file,
                                         const std::map<std::string, std::string>& overrides);

// Starts the embedded server when no database URL is configured.
class DatabaseServer {
 public:
  kernel::Status start(const kernel::KernelConfig& config);
  void stop();
  const std::string& connection_string() const { return connection_string_; }

 private:
  std::unique_ptr<kernel::EmbeddedPostgres> embedded_;
  std::string connection_string_;
};

// Every migration compiled into the binary (fails on a badly named file).
kernel::Result<std::vector<kernel::Migration>> embedded_migrations();

// Starts `server` and applies every embedded migration: what `migrate` and
// the commands that write data do first. The caller stops the server.
kernel::Result<kernel::MigrationReport> start_migrated(DatabaseServer& server, const kernel::KernelConfig& config);

// What a command that works on the database does: starts it migrated, runs
// `work` with its connection string, stops it. Returns work's exit code, or
// 1 (with the reason on stderr) when the database could not start or
// `work` threw; `failure` names the work in that message.
int with_migrated_database(const kernel::KernelConfig& config, const std::string& failure,
                           const std::function<int(const std::string& connection_string)>& work);

}  // namespace emporium::app
