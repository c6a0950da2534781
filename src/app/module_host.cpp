#include "module_host.hpp"

#include "modules.hpp"

namespace emporium::app {

ModuleHost::ModuleHost(const kernel::Config& config, const std::string& connection_string, std::size_t pool_size)
    : db_(connection_string, pool_size),
      context_{config, db_, router_, bus_, metrics_, auth_, personal_data_, services_},
      modules_(make_modules()) {}

ModuleHost::~ModuleHost() { stop(); }

void ModuleHost::start() {
  for (auto& module : modules_) {
    bus_.add_source(module->id());
    module->start(context_);
  }
  started_ = true;
}

void ModuleHost::seed_demo_data(const kernel::SeedOptions& options) {
  for (auto& module : modules_) module->seed_demo_data(context_, options);
}

void ModuleHost::stop() {
  if (!started_) return;
  started_ = false;
  for (auto it = modules_.rbegin(); it != modules_.rend(); ++it) (*it)->stop();
}

}  // namespace emporium::app
