#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::cart {

// Schema `cart`, role `emporium_cart`: every unit of work of this module.
const kernel::ModuleId& cart_module_id();

}  // namespace emporium::cart
