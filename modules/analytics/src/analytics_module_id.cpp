#include "analytics_module_id.hpp"

namespace emporium::analytics {

const kernel::ModuleId& analytics_module_id() {
  static const kernel::ModuleId id{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  return id;
}

}  // namespace emporium::analytics
