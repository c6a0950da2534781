#pragma once
// The order events the read model is built from, read from their JSON
// payloads (modules/order/include/emporium/order/events.hpp names them; the
// analytics module depends on catalog only, so they are matched by name).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/events.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::analytics {

inline constexpr const char* kOrderPaid = "order.paid";
inline constexpr const char* kOrderRefunded = "order.refunded";
inline constexpr const char* kOrderCancelled = "order.cancelled";

struct SaleLine {
  std::string product_id;
  std::string seller_id;
  std::string name;
  std::int64_t quantity = 0;
  std::int64_t line_total_minor = 0;
};

struct OrderFacts {
  std::string order_id;
  std::string currency;
  std::vector<SaleLine> lines;  // one per product (lines of one product's variants merged)
  std::int64_t subtotal_minor = 0;  // the lines' sum when the payload has none
  std::int64_t amount_minor = 0;  // order.refunded: this refund
  std::int64_t refunded_minor = 0;  // order.refunded: every refund so far
  bool was_paid = false;  // order.cancelled
};

// Reads the payload of `event`; an error names what is missing (a bug in the
// publisher: the delivery is retried, then parked for an admin).
kernel::Result<OrderFacts> order_facts(const kernel::Event& event);

}  // namespace emporium::analytics
