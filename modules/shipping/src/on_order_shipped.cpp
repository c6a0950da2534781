#include "emporium/kernel/log.hpp"
#include "shipping_module_id.hpp"
#include "subscribers.hpp"

namespace emporium::shipping {

void subscribe_order_shipped(kernel::EventBus& bus, ShippingService& shipping) {
  bus.subscribe(shipping_module_id(), "shipping.on_order_shipped", kOrderShipped,
                [&shipping](const kernel::Event& event, kernel::Tx& tx) {
                  const auto order_id = order_id_of(event);
                  if (!shipping.record_status(tx, order_id, kShipped, "Handed to the carrier")) {
                    kernel::log::warn("shipping", "order.shipped for an order without a shipment",
                                      {{"order_id", order_id}, {"event_id", event.id}});
                  }
                });
}

}  // namespace emporium::shipping
