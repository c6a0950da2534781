#pragma once
// Admin view of the event bus: parked deliveries and retrying them.
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/outbox_dispatcher.hpp"
#include "emporium/kernel/router.hpp"

namespace emporium::app {

void add_event_admin_routes(kernel::Router& router, const kernel::Auth& auth, kernel::OutboxDispatcher& dispatcher);

}  // namespace emporium::app
