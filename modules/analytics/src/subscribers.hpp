#pragma once
// The order events the read model listens to, one subscriber per file; each
// applies the event in the analytics module's transaction (sales_model.hpp).
#include "emporium/kernel/events.hpp"

namespace emporium::analytics {

void subscribe_to_order_paid(kernel::EventBus& bus);
void subscribe_to_order_refunded(kernel::EventBus& bus);
void subscribe_to_order_cancelled(kernel::EventBus& bus);

}  // namespace emporium::analytics
