#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::order {

// Schema `orders`, role `emporium_order`: every unit of work of this module.
const kernel::ModuleId& order_module_id();

}  // namespace emporium::order
