#pragma once
// The payment module's entry point for the composition root.
#include <memory>

#include "emporium/kernel/module.hpp"

namespace emporium::payment {

std::unique_ptr<kernel::Module> make_module();

}  // namespace emporium::payment
