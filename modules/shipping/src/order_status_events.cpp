#include <boost/json/parse.hpp>

#include <stdexcept>

#include "emporium/kernel/log.hpp"
#include "shipping_module_id.hpp"
#include "subscribers.hpp"

namespace emporium::shipping {

std::string order_id_of(const kernel::Event& event) {
  auto payload = boost::json::parse(event.payload);
  const auto* order_id = payload.as_object().if_contains("order_id");
  if (order_id == nullptr || !order_id->is_string()) {
    throw std::runtime_error(event.name + " " + event.id + " has no order_id");
  }
  return std::string(order_id->as_string());
}

void subscribe_order_status(kernel::EventBus& bus, ShippingService& shipping, const OrderStatusSubscription& what) {
  bus.subscribe(shipping_module_id(), what.subscriber, what.event_name,
                [&shipping, what](const kernel::Event& event, kernel::Tx& tx) {
                  const auto order_id = order_id_of(event);
                  if (!shipping.record_status(tx, order_id, what.status, what.description)) {
                    kernel::log::warn("shipping", "an order event for an order without a shipment",
                                      {{"event", event.name}, {"order_id", order_id}, {"event_id", event.id}});
                  }
                });
}

}  // namespace emporium::shipping
