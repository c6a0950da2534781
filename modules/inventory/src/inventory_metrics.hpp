#pragma once
// The module's business counters in /metrics.
#include "emporium/kernel/metrics.hpp"

namespace emporium::inventory {

struct InventoryMetrics {
  explicit InventoryMetrics(kernel::Metrics& metrics)
      : reservations(metrics.counter("emporium_inventory_reservations_total", "Orders whose stock was reserved.")),
        rejected(metrics.counter("emporium_inventory_reservations_rejected_total",
                                 "Reservations refused for insufficient stock.")),
        committed(metrics.counter("emporium_inventory_reservations_committed_total", "Reservations turned into sales.")),
        expired(metrics.counter("emporium_inventory_reservations_expired_total",
                                "Reservations given back by the expiry job.")),
        restocked(metrics.counter("emporium_inventory_sales_restocked_total",
                                  "Sales of cancelled orders put back on hand.")) {}

  kernel::Counter& reservations;
  kernel::Counter& rejected;
  kernel::Counter& committed;
  kernel::Counter& expired;
  kernel::Counter& restocked;
};

}  // namespace emporium::inventory
