#include "cart_module_id.hpp"

namespace emporium::cart {

const kernel::ModuleId& cart_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::cart
