#include "runtime.hpp"

#include <filesystem>
#include <iostream>

#include "emporium/kernel/embedded_file.hpp"
#include "emporium/kernel/log.hpp"
#include "modules.hpp"

namespace emporium::app {

kernel::Result<LoadedConfig> load_config(const std::optional<std::string>& config_file,
                                         const std::map<std::string, std::string>& overrides) {
  auto env = kernel::process_environment();
  std::optional<std::filesystem::path> file;
  if (config_file) file = *config_file;
  else if (auto from_env = env("EMPORIUM_CONFIG"); from_env && !from_env->empty()) file = *from_env;
  auto config = kernel::Config::load(file, env, overrides);
  if (!config) return config.error();
  auto kernel_config = kernel::read_kernel_config(config.value());
  if (!kernel_config) return kernel_config.error();
  kernel::log::set_level(kernel_config->log_level);
  return LoadedConfig{std::move(config.value()), std::move(kernel_config.value())};
}

kernel::Status DatabaseServer::start(const kernel::KernelConfig& config) {
  if (!config.database_url.empty()) {
    connection_string_ = config.database_url;
    return kernel::Ok{};
  }
  std::error_code ec;
  auto data_dir = std::filesystem::absolute(config.data_dir, ec);
  if (ec) return kernel::Error{"data_dir", "data_dir: " + ec.message()};
  kernel::EmbeddedPostgresOptions options;
  options.data_dir = data_dir;
  options.bin_dir = config.postgres_bin_dir;
  embedded_ = std::make_unique<kernel::EmbeddedPostgres>(options);
  kernel::log::info("kernel", "starting the embedded PostgreSQL server", {{"data_dir", data_dir.string()}});
  auto started = embedded_->start();
  if (!started) return started;
  connection_string_ = embedded_->connection_string();
  return kernel::Ok{};
}

void DatabaseServer::stop() {
  if (!embedded_) return;
  auto stopped = embedded_->stop();
  if (!stopped) kernel::log::error("kernel", "stopping the embedded PostgreSQL server failed", {{"error", stopped.error().message}});
  else kernel::log::info("kernel", "embedded PostgreSQL server stopped");
  embedded_.reset();
}

kernel::Result<std::vector<kernel::Migration>> embedded_migrations() {
  return kernel::parse_migrations(generated::embedded_migrations());
}

kernel::Result<kernel::MigrationReport> start_migrated(DatabaseServer& server, const kernel::KernelConfig& config) {
  auto migrations = embedded_migrations();
  if (!migrations) return migrations.error();
  if (auto started = server.start(config); !started) return started.error();
  return kernel::apply_migrations(server.connection_string(), module_ids(make_modules()), migrations.value());
}

int with_migrated_database(const kernel::KernelConfig& config, const std::string& failure,
                           const std::function<int(const std::string& connection_string)>& work) {
  DatabaseServer database_server;
  int exit_code = 0;
  if (auto applied = start_migrated(database_server, config); !applied) {
    std::cerr << "emporium: " << applied.error().message << "\n";
    exit_code = 1;
  } else {
    try {
      exit_code = work(database_server.connection_string());
    } catch (const std::exception& e) {
      std::cerr << "emporium: " << failure << " failed: " << e.what() << "\n";
      exit_code = 1;
    }
  }
  database_server.stop();
  return exit_code;
}

}  // namespace emporium::app
