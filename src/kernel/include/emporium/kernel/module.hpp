#pragma once
// What a module gets from the kernel, and what the composition root asks of
// a module. A module's public header exposes a factory returning Module.
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/config.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"
#include "emporium/kernel/metrics.hpp"
#include "emporium/kernel/module_id.hpp"
#include "emporium/kernel/personal_data.hpp"
#include "emporium/kernel/router.hpp"
#include "emporium/kernel/services.hpp"

namespace emporium::kernel {

struct ModuleContext {
  const Config& config;
  Database& db;
  Router& router;
  EventBus& bus;
  Metrics& metrics;
  Auth& auth;
  PersonalData& personal_data;
  Services& services;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual const ModuleId& id() const = 0;
  // Registers routes, subscribers and jobs. Called once, before serving.
  virtual void start(ModuleContext& context) {}
  // `emporium seed` and `serve --demo-data`: loads demo data unless it is
  // already there. Called after every module has started, in module order.
  virtual void seed_demo_data(ModuleContext& context, const SeedOptions& options) {}
  // Called once at shutdown, after the HTTP server has drained.
  virtual void stop() {}
};

}  // namespace emporium::kernel
