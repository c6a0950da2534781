#include "order_module_id.hpp"

namespace emporium::order {

const kernel::ModuleId& order_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::order
