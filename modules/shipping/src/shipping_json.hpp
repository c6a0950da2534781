#pragma once
// The contract's JSON shapes of this module's responses.
#include <boost/json/object.hpp>

#include "emporium/shipping/shipping.hpp"
#include "shipment.hpp"
#include "shipping_service.hpp"

namespace emporium::shipping {

// {id, carrier, service, name, price, currency, estimated_days}
boost::json::object option_json(const ShippingOption& option);
// {id, order_id, tracking_number, carrier, service, status, label_url, created_at}
boost::json::object shipment_json(const Shipment& shipment);
// {status, tracking_number, carrier, events: [{status, description, occurred_at}]}
boost::json::object tracking_json(const Tracking& tracking);

}  // namespace emporium::shipping
