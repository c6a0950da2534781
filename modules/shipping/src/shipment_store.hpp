#pragma once
// SQL of shipping.shipments and shipping.tracking_events.
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "shipment.hpp"

namespace emporium::shipping {

class ShipmentStore {
 public:
  explicit ShipmentStore(kernel::Tx& tx) : tx_(tx) {}
  std::optional<Shipment> find(const std::string& id);
  std::optional<Shipment> find_by_order(const std::string& order_id);
  // The new shipment with its id and created_at, or nullopt when the order
  // already has one or the tracking number is taken (nothing written).
  std::optional<Shipment> insert(const Shipment& draft);
  // Adds the status's event unless the shipment has it: its occurred_at when added.
  std::optional<std::string> add_event(const std::string& shipment_id, const std::string& status, const std::string& description);
  // Moves the status forward only (label_created < shipped < delivered); true when it moved.
  bool advance_status(const std::string& shipment_id, const std::string& status);
  std::vector<TrackingEvent> events(const std::string& shipment_id);

 private:
  std::optional<Shipment> find_where(const std::string& column, const std::string& value);
  kernel::Tx& tx_;
};

}  // namespace emporium::shipping
