#pragma once
// Events the shipping module publishes (payloads are JSON objects).
namespace emporium::shipping::events {

// {"shipment_id", "order_id", "tracking_number", "carrier", "service", "status", "occurred_at"}:
// a shipment's tracking status changed (`label_created`, `shipped`, `delivered`).
inline constexpr const char* kTrackingUpdated = "shipping.tracking_updated";
inline constexpr int kVersion = 1;

}  // namespace emporium::shipping::events
