#pragma once
// The order events this module follows, one subscriber per file. The names
// are the order module's (emporium/order/events.hpp), written out here
// because shipping must not depend on order (order depends on shipping).
#include <string>

#include "emporium/kernel/events.hpp"
#include "shipment.hpp"
#include "shipping_service.hpp"

namespace emporium::shipping {

inline constexpr const char* kOrderShipped = "order.shipped";      // order::events::kShipped
inline constexpr const char* kOrderDelivered = "order.delivered";  // order::events::kDelivered

void subscribe_order_shipped(kernel::EventBus& bus, ShippingService& shipping);
void subscribe_order_delivered(kernel::EventBus& bus, ShippingService& shipping);

// What an order event means for the order's shipment.
struct OrderStatusSubscription {
  std::string subscriber;  // "shipping.on_order_shipped"
  std::string event_name;
  std::string status;  // the tracking status it records
  std::string description;
};

// Records `status` on the order's shipment once per event (see
// ShippingService::record_status); an order without a shipment is logged.
void subscribe_order_status(kernel::EventBus& bus, ShippingService& shipping, const OrderStatusSubscription& what);

// The event's order_id; throws (the delivery is retried, then parked) when
// the payload has none.
std::string order_id_of(const kernel::Event& event);

}  // namespace emporium::shipping
