#pragma once
// The order's state changes that touch other modules, each idempotent so
// that the checkout, its repair, the payment events and the admin can all
// reach them: paid (commit stock, empty the cart), cancelled (release
// stock, return the money), refunded.
#include <optional>
#include <string>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/payment/payments.hpp"
#include "order_metrics.hpp"
#include "order_ports.hpp"
#include "order_store.hpp"
#include "order_types.hpp"

namespace emporium::order {

PaymentInfo payment_info(const payment::PaymentSummary& payment);

// Who writes orders.stock_committed once the inventory committed the stock:
// the lifecycle in a unit of work of its own, or the caller in the unit of
// work it runs next (the checkout, with the step that ends its saga). Until
// it is written a repair commits again, which the inventory makes a no-op.
enum class CommitRecord { own, caller };

class OrderLifecycle {
 public:
  OrderLifecycle(kernel::Database& db, OrderPorts ports, OrderMetrics& metrics)
      : db_(db), ports_(ports), metrics_(metrics) {}

  // A captured payment: pending_payment -> paid (order.paid), then the
  // stock is committed and the cart emptied. For an order cancelled in the
  // meantime the money goes back instead. The order after; with
  // CommitRecord::caller its stock_committed says whether the stock is
  // committed, for the caller to record.
  std::optional<Order> settle_paid(const std::string& order_id, const payment::PaymentSummary& payment,
                                   CommitRecord record = CommitRecord::own);
  // Commits the stock and empties the cart of a paid order (idempotent).
  void complete_paid(const Order& order);

  // Cancels the order (order.cancelled) when the state machine allows it,
  // then releases its stock and returns its money. Errors: not_found,
  // invalid_transition, shipped_already.
  kernel::Result<Order> cancel(const std::string& order_id, const std::string& reason);
  // The compensations of a cancelled order (idempotent; also run by the
  // subscriber of order.cancelled so that a failure here is retried).
  void compensate_cancelled(const std::string& order_id);

  // A refund reported by the payment module: refunded_minor catches up and
  // an order that stays sold becomes refunded / partially_refunded with
  // order.refunded. Runs in the subscriber's unit of work.
  void apply_refund(kernel::Tx& tx, const std::string& order_id, const std::string& payment_id,
                    std::int64_t amount_minor, std::int64_t refunded_minor);

  OrderPorts& ports() { return ports_; }
  OrderMetrics& metrics() { return metrics_; }

 private:
  // True when the inventory committed the stock now (a failure is logged).
  bool commit_stock(const Order& order);
  void complete_cart(const Order& order);

  kernel::Database& db_;
  OrderPorts ports_;
  OrderMetrics& metrics_;
};

// Publishes an order event from the order module's outbox.
void publish(kernel::Tx& tx, const char* name, const boost::json::object& payload);

}  // namespace emporium::order
