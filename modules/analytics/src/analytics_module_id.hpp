#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::analytics {

// Schema `analytics`, role `emporium_analytics`: every unit of work of this module.
const kernel::ModuleId& analytics_module_id();

}  // namespace emporium::analytics
