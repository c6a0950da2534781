#include "subscribers.hpp"

namespace emporium::shipping {

void subscribe_order_shipped(kernel::EventBus& bus, ShippingService& shipping) {
  subscribe_order_status(bus, shipping, {"shipping.on_order_shipped", kOrderShipped, kShipped, "Handed to the carrier"});
}

}  // namespace emporium::shipping
