#pragma once
// The events the catalog consumes, one subscriber per file. Each runs in
// the catalog's own transaction (the inbox makes a repeat a no-op).
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

}  // namespace emporium::catalog
