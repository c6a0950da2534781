#include "inventory_module_id.hpp"

namespace emporium::inventory {

const kernel::ModuleId& inventory_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::inventory
