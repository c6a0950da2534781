#include "user_module_id.hpp"

namespace emporium::user {

const kernel::ModuleId& user_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::user
