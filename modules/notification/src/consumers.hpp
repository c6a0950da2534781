#pragma once
// The events the notification module listens to, each turned into notices.
#include "emporium/kernel/module.hpp"
#include "emporium/user/users.hpp"

namespace emporium::notification {

void subscribe_consumers(kernel::ModuleContext& context, const kernel::ModuleId& module, user::Users& users);

}  // namespace emporium::notification
