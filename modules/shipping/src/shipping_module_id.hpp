#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::shipping {

// Schema `shipping`, role `emporium_shipping`: every unit of work of this module.
const kernel::ModuleId& shipping_module_id();

}  // namespace emporium::shipping
