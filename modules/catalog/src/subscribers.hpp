#pragma once
// The events the catalog consumes, one subscriber per file. Each runs in
// the catalog's own transaction (the inbox makes a repeat a no-op).
#include <vector>

#include "emporium/kernel/events.hpp"
#include "emporium/kernel/module_id.hpp"

namespace emporium::catalog {

// inventory.stock_changed: the catalog's copy of a variant's available
// stock (in_stock and stock.available); tells every instance's cache.
void subscribe_to_stock_changes(kernel::EventBus& bus);
// inventory.stock_loaded: the same for up to 1000 variants of a bulk load.
void subscribe_to_stock_loads(kernel::EventBus& bus);
// user.deleted: the author's reviews stay, anonymised.
void subscribe_to_user_deletions(kernel::EventBus& bus);
// order.paid: the customer bought each product of the order (catalog.purchases),
// so their review of it is a verified purchase.
void subscribe_to_paid_orders(kernel::EventBus& bus);
// The handler, callable directly by tests.
void record_paid_orders(const std::vector<kernel::Event>& events, kernel::Tx& tx);

}  // namespace emporium::catalog
