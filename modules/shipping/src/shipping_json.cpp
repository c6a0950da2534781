#include "shipping_json.hpp"

#include "emporium/kernel/money.hpp"

namespace emporium::shipping {
namespace json = boost::json;

json::object option_json(const ShippingOption& option) {
  return {{"id", option.id},
          {"carrier", option.carrier},
          {"service", option.service},
          {"name", option.name},
          {"price", kernel::amount_json(option.price_minor)},
          {"currency", option.currency},
          {"estimated_days", option.estimated_days}};
}

json::object shipment_json(const Shipment& shipment) {
  return {{"id", shipment.id},
          {"order_id", shipment.order_id},
          {"tracking_number", shipment.tracking_number},
          {"carrier", shipment.carrier},
          {"service", shipment.service},
          {"status", shipment.status},
          {"label_url", "/api/v1/shipments/" + shipment.id + "/label"},
          {"created_at", shipment.created_at}};
}

json::object tracking_json(const Tracking& tracking) {
  json::array events;
  for (const auto& event : tracking.events) {
    events.push_back(
        json::object{{"status", event.status}, {"description", event.description}, {"occurred_at", event.occurred_at}});
  }
  json::object out{{"status", tracking.status}};
  // The shipment's id lets a client open its label (GET /shipments/{id}/label).
  out["shipment_id"] = tracking.shipment ? json::value(tracking.shipment->id) : json::value(nullptr);
  out["tracking_number"] = tracking.shipment ? json::value(tracking.shipment->tracking_number) : json::value(nullptr);
  out["carrier"] = tracking.shipment ? json::value(tracking.shipment->carrier) : json::value(nullptr);
  out["events"] = std::move(events);
  return out;
}

}  // namespace emporium::shipping
