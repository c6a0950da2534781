#include "emporium/user/events.hpp"
#include "order_module_id.hpp"
#include "subscribers.hpp"

namespace emporium::order {

// An erased account: its orders keep their amounts (accounting) but lose
// the recipient's name and street.
void subscribe_user_deleted(kernel::EventBus& bus, OrderService& orders) {
  bus.subscribe(order_module_id(), "order.on_user_deleted", std::string(user::kUserDeleted),
                [&orders](const kernel::Event& event, kernel::Tx& tx) {
                  orders.erase_personal_data(tx, payload_text(parse_payload(event), "user_id"));
                });
}

}  // namespace emporium::order
