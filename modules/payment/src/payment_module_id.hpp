#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::payment {

// Schema `payment`, role `emporium_payment`: every unit of work of this module.
const kernel::ModuleId& payment_module_id();

}  // namespace emporium::payment
