#pragma once
// The composition root's list of modules: the only place that knows them all.
#include <memory>
#include <vector>

#include "emporium/kernel/module.hpp"

namespace emporium::app {

// Every module, in dependency order.
std::vector<std::unique_ptr<kernel::Module>> make_modules();
std::vector<kernel::ModuleId> module_ids(const std::vector<std::unique_ptr<kernel::Module>>& modules);

}  // namespace emporium::app
