#pragma once
// The cart's event subscribers, one per file.
#include "emporium/kernel/events.hpp"

namespace emporium::cart {

// user.deleted: the user's carts and their items are deleted.
void subscribe_to_user_deletions(kernel::EventBus& bus);

}  // namespace emporium::cart
