#pragma once
// The shipping module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::shipping {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::shipping
