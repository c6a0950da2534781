#include "shipping_module_id.hpp"

namespace emporium::shipping {

const kernel::ModuleId& shipping_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::shipping
