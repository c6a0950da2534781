#pragma once
// The analytics module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::analytics {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::analytics
