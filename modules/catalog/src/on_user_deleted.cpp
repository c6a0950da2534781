#include <boost/json/parse.hpp>

#include "catalog_module_id.hpp"
#include "emporium/user/events.hpp"
#include "review_store.hpp"
#include "subscribers.hpp"

namespace emporium::catalog {

void subscribe_to_user_deletions(kernel::EventBus& bus) {
  bus.subscribe(catalog_module_id(), "catalog.on_user_deleted", std::string(user::kUserDeleted),
                [](const kernel::Event& event, kernel::Tx& tx) {
                  const auto deleted = user::user_deleted_from_json(boost::json::parse(event.payload).as_object());
                  ReviewStore(tx).anonymise(deleted.user_id);
                });
}

}  // namespace emporium::catalog
