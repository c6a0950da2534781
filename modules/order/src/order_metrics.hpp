#pragma once
// The order module's business counters on /metrics.
#include <string>

#include "emporium/kernel/metrics.hpp"

namespace emporium::order {

struct OrderMetrics {
  explicit OrderMetrics(kernel::Metrics& metrics)
      : metrics_(metrics),
        placed(metrics.counter("emporium_orders_placed_total", "Orders placed (pending payment).")),
        paid(metrics.counter("emporium_orders_paid_total", "Orders paid.")) {}

  // emporium_checkout_failures_total{reason="<code>"}
  void checkout_failed(const std::string& reason) {
    metrics_.counter("emporium_checkout_failures_total{reason=\"" + reason + "\"}", "Checkouts that failed, by reason.")
        .increment();
  }

  kernel::Metrics& metrics_;
  kernel::Counter& placed;
  kernel::Counter& paid;
};

}  // namespace emporium::order
