#pragma once
// The cart module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::cart {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::cart
