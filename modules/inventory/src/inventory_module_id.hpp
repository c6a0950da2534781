#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::inventory {

// Schema `inventory`, role `emporium_inventory`: every unit of work of this module.
const kernel::ModuleId& inventory_module_id();

}  // namespace emporium::inventory
