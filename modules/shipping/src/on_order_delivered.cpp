#include "subscribers.hpp"

namespace emporium::shipping {

void subscribe_order_delivered(kernel::EventBus& bus, ShippingService& shipping) {
  subscribe_order_status(bus, shipping, {"shipping.on_order_delivered", kOrderDelivered, kDelivered, "Delivered"});
}

}  // namespace emporium::shipping
