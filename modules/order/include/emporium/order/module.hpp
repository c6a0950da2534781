#pragma once
// The order module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::order {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::order
