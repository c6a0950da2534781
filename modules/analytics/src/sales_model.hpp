#pragma once
// Applies one order event to the read model, in the caller's transaction:
// the live subscribers and the rebuild share it, so both build the same.
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"

namespace emporium::analytics {

// order.paid adds each product's line total and units; order.refunded takes
// the refund's product share off, split by line totals; order.cancelled of a
// paid order takes off what the order still counts for. Applying an event
// twice changes nothing. Throws on a malformed payload (retried, then parked).
void apply_order_event(kernel::Tx& tx, const kernel::Event& event);
// The same for several events of one kind, in a constant number of
// statements; the facts of the batch are written together at the end, so
// its events must not depend on each other (order.paid: one per order).
void apply_order_events(kernel::Tx& tx, const std::vector<kernel::Event>& events);

}  // namespace emporium::analytics
