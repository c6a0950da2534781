#include "payment_module_id.hpp"

namespace emporium::payment {

const kernel::ModuleId& payment_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::payment
