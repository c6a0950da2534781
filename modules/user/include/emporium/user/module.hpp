#pragma once
// The user module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::user {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::user
