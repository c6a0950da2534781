#pragma once
// Everything the modules run in: the database pool, router, event bus,
// metrics, auth and service registry, and the started modules themselves.
// `serve` and `seed` both build one.
#include <memory>
#include <string>
#include <vector>

#include "emporium/kernel/module.hpp"

namespace emporium::app {

class ModuleHost {
 public:
  ModuleHost(const kernel::Config& config, const std::string& connection_string, std::size_t pool_size);
  ~ModuleHost();

  // Starts every module in dependency order.
  void start();
  void seed_demo_data(const kernel::SeedOptions& options);
  // Stops the modules in reverse order (idempotent).
  void stop();

  kernel::Database& db() { return db_; }
  kernel::Router& router() { return router_; }
  kernel::Metrics& metrics() { return metrics_; }
  kernel::EventBus& bus() { return bus_; }
  kernel::Auth& auth() { return auth_; }

 private:
  kernel::Database db_;
  kernel::Router router_;
  kernel::Metrics metrics_;
  kernel::EventBus bus_;
  kernel::Auth auth_;
  kernel::PersonalData personal_data_;
  kernel::Services services_;
  kernel::ModuleContext context_;
  std::vector<std::unique_ptr<kernel::Module>> modules_;
  bool started_ = false;
};

}  // namespace emporium::app
