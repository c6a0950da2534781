#include <boost/json/parse.hpp>

#include "cart_module_id.hpp"
#include "cart_store.hpp"
#include "emporium/user/events.hpp"
#include "subscribers.hpp"

namespace emporium::cart {

void subscribe_to_user_deletions(kernel::EventBus& bus) {
  // Idempotent: a repeat finds nothing left to delete.
  bus.subscribe(cart_module_id(), "cart.on_user_deleted", std::string(user::kUserDeleted),
                [](const kernel::Event& event, kernel::Tx& tx) {
                  const auto deleted = user::user_deleted_from_json(boost::json::parse(event.payload).as_object());
                  if (!deleted.user_id.empty()) CartStore(tx).erase_user(deleted.user_id);
                });
}

}  // namespace emporium::cart
