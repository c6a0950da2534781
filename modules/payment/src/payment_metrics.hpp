#pragma once
// The module's business counters in /metrics.
#include "emporium/kernel/metrics.hpp"

namespace emporium::payment {

struct PaymentMetrics {
  explicit PaymentMetrics(kernel::Metrics& metrics)
      : captured(metrics.counter("emporium_payment_captured_total", "Payments whose money was captured.")),
        captured_minor(metrics.counter("emporium_payment_captured_minor_total",
                                       "Captured money, in minor units (all currencies together).")),
        failed(metrics.counter("emporium_payment_failed_total", "Payments declined by the provider.")),
        refunds(metrics.counter("emporium_payment_refunds_total", "Refunds made.")),
        refunded_minor(metrics.counter("emporium_payment_refunded_minor_total",
                                       "Refunded money, in minor units (all currencies together).")) {}

  kernel::Counter& captured;
  kernel::Counter& captured_minor;
  kernel::Counter& failed;
  kernel::Counter& refunds;
  kernel::Counter& refunded_minor;
};

}  // namespace emporium::payment
