#pragma once
// The notification module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::notification {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::notification
