#pragma once
// Events the order module publishes (payloads are JSON objects). Amounts
// are integers in minor units with the order's `currency`; times are
// RFC 3339 UTC. Consumers: notification (messages), analytics (the sales
// read model), catalog (verified purchases), shipping (tracking).
namespace emporium::order::events {

// Every event carries {"order_id", "customer_id", "currency", "occurred_at"}
// and, where it says "items", the order's lines:
//   "items": [{"product_id", "variant_id", "seller_id", "name", "sku",
//              "quantity", "unit_price_minor", "line_total_minor"}]

// + {"status": "pending_payment", "items", "subtotal_minor", "shipping_minor",
//    "tax_minor", "total_minor", "shipping_address": {...}}
inline constexpr const char* kPlaced = "order.placed";
// + {"payment_id", "items", "subtotal_minor", "shipping_minor", "tax_minor", "total_minor"}
inline constexpr const char* kPaid = "order.paid";
// + {"shipment_id", "tracking_number", "carrier"}
inline constexpr const char* kShipped = "order.shipped";
// + {"shipment_id", "tracking_number"}
inline constexpr const char* kDelivered = "order.delivered";
// + {"reason", "was_paid" (bool), "items", "total_minor", "refunded_minor"}:
// a cancelled order that was paid has its money returned as part of the
// cancellation; that return is NOT published again as order.refunded, so
// a consumer subtracts a paid order's revenue once, here.
inline constexpr const char* kCancelled = "order.cancelled";
// + {"payment_id", "amount_minor" (this refund), "refunded_minor" (all so far),
//    "total_minor", "status": "refunded" | "partially_refunded", "items"}:
// an admin refund (full or partial) of an order that stays sold.
inline constexpr const char* kRefunded = "order.refunded";
inline constexpr int kVersion = 1;

}  // namespace emporium::order::events
