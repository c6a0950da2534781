#pragma once
// The inventory module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::inventory {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::inventory
