#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::user {

// Schema `users`, role `emporium_user`: every unit of work of this module.
const kernel::ModuleId& user_module_id();

}  // namespace emporium::user
