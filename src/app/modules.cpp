#include "modules.hpp"

#include "emporium/analytics/module.hpp"
#include "emporium/cart/module.hpp"
#include "emporium/catalog/module.hpp"
#include "emporium/inventory/module.hpp"
#include "emporium/notification/module.hpp"
#include "emporium/order/module.hpp"
#include "emporium/payment/module.hpp"
#include "emporium/shipping/module.hpp"
#include "emporium/user/module.hpp"

namespace emporium::app {

std::vector<std::unique_ptr<kernel::Module>> make_modules() {
  std::vector<std::unique_ptr<kernel::Module>> modules;
  modules.push_back(user::make_module());
  modules.push_back(catalog::make_module());
  modules.push_back(inventory::make_module());
  modules.push_back(cart::make_module());
  modules.push_back(payment::make_module());
  modules.push_back(shipping::make_module());
  modules.push_back(order::make_module());
  modules.push_back(notification::make_module());
  modules.push_back(analytics::make_module());
  return modules;
}

std::vector<kernel::ModuleId> module_ids(const std::vector<std::unique_ptr<kernel::Module>>& modules) {
  std::vector<kernel::ModuleId> ids;
  for (const auto& module : modules) ids.push_back(module->id());
  return ids;
}

}  // namespace emporium::app
