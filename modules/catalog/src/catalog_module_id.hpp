#pragma once
#include "emporium/kernel/module_id.hpp"

namespace emporium::catalog {

// Schema `catalog`, role `emporium_catalog`: every unit of work of this module.
const kernel::ModuleId& catalog_module_id();

}  // namespace emporium::catalog
