#include "catalog_module_id.hpp"

namespace emporium::catalog {

const kernel::ModuleId& catalog_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::catalog
