#pragma once
// The catalog module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::catalog {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::catalog
