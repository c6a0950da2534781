#include "order_lifecycle.hpp"

#include <boost/json/serialize.hpp>

#include <stdexcept>

#include "emporium/kernel/log.hpp"
#include "emporium/order/events.hpp"
#include "order_json.hpp"
#include "order_module_id.hpp"
#include "state_machine.hpp"

namespace emporium::order {

PaymentInfo payment_info(const payment::PaymentSummary& payment) {
  return {payment.id, payment.status, payment.brand, payment.last4};
}

void publish(kernel::Tx& tx, const char* name, const boost::json::object& payload) {
  tx.publish(name, events::kVersion, boost::json::serialize(payload));
}

std::optional<Order> OrderLifecycle::settle_paid(const std::string& order_id, const payment::PaymentSummary& payment,
                                                 CommitRecord record) {
  bool became_paid = false;
  auto order = db_.transact(order_module_id(), [&](kernel::Tx& tx) -> std::optional<Order> {
    OrderStore store(tx);
    auto paid = store.change_status(order_id, {"pending_payment", "paid", "payment captured", payment_info(payment),
                                               std::nullopt, std::nullopt, true});
    if (paid) {
      publish(tx, events::kPaid, paid_payload(*paid, paid->updated_at));
      became_paid = true;
      return paid;
    }
    return store.find(order_id);
  });
  if (!order) return std::nullopt;
  if (order->status == "cancelled") {
    // Charged after the order was given up (a repair cancelled it while the
    // charge was in flight): no card stays charged for it.
    kernel::log::warn("order", "payment captured for a cancelled order; returning it", {{"order_id", order_id}});
    compensate_cancelled(order_id);
    return order;
  }
  if (became_paid) metrics_.paid.increment();
  if (order->status == "pending_payment") return order;
  if (record == CommitRecord::caller) {
    if (commit_stock(*order)) order->stock_committed = true;
    complete_cart(*order);
  } else {
    complete_paid(*order);
  }
  return order;
}

void OrderLifecycle::complete_paid(const Order& order) {
  if (commit_stock(order)) {
    db_.transact(order_module_id(), [&](kernel::Tx& tx) { OrderStore(tx).mark_stock_committed(order.id); });
  }
  complete_cart(order);
}

bool OrderLifecycle::commit_stock(const Order& order) {
  if (order.stock_committed) return false;
  auto committed = ports_.inventory.commit(order.id);
  if (!committed) {
    kernel::log::warn("order", "stock of a paid order could not be committed",
                      {{"order_id", order.id}, {"code", committed.error().code}});
  }
  return static_cast<bool>(committed);
}

void OrderLifecycle::complete_cart(const Order& order) {
  auto emptied = ports_.carts.complete_checkout(order.draft.cart_id, order.id);
  if (!emptied) {
    kernel::log::warn("order", "cart of a paid order could not be completed",
              {{"order_id", order.id}, {"code", emptied.error().code}});
  }
}

kernel::Result<Order> OrderLifecycle::cancel(const std::string& order_id, const std::string& reason) {
  auto cancelled = db_.transact(order_module_id(), [&](kernel::Tx& tx) -> kernel::Result<Order> {
    OrderStore store(tx);
    auto order = store.find(order_id, true);
    if (!order) return kernel::Error{"not_found", "Order " + order_id + " does not exist."};
    auto status = parse_status(order->status).value();
    if (!is_before_shipment(status) && status != OrderStatus::cancelled) {
      return kernel::Error{"invalid_transition", "Order " + order_id + " is " + order->status +
                                                     " and can no longer be cancelled."};
    }
    if (!can_transition(status, OrderStatus::cancelled)) {
      return kernel::Error{"invalid_transition", "Order " + order_id + " cannot go from " + order->status +
                                                     " to cancelled."};
    }
    bool was_paid = status != OrderStatus::pending_payment;
    // What the cancellation returns: whatever was captured and not yet refunded.
    std::int64_t returned = was_paid ? order->draft.total_minor : 0;
    auto after = store.change_status(order_id, {order->status, "cancelled", reason, std::nullopt, reason,
                                                returned, false});
    publish(tx, events::kCancelled, cancelled_payload(*after, was_paid, after->updated_at));
    return *after;
  });
  if (!cancelled) return cancelled;
  try {
    compensate_cancelled(order_id);
  } catch (const std::exception& error) {
    // The order is cancelled; the order.cancelled subscriber retries the compensations.
    kernel::log::warn("order", "compensation of a cancelled order failed; it will be retried",
                      {{"order_id", order_id}, {"error", std::string_view(error.what())}});
  }
  auto latest = db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).find(order_id); });
  return latest.value_or(cancelled.value());
}

void OrderLifecycle::compensate_cancelled(const std::string& order_id) {
  // Reserved stock is released; stock already sold goes back on hand.
  auto released = ports_.inventory.restock(order_id);
  if (!released) throw std::runtime_error("returning the stock of order " + order_id + ": " + released.error().message);
  auto returned = ports_.payments.cancel_for_order(order_id);
  if (!returned) {
    throw std::runtime_error("returning the payment of order " + order_id + ": " + returned.error().message);
  }
  if (returned.value()) {
    const auto& payment = *returned.value();
    db_.transact(order_module_id(), [&](kernel::Tx& tx) {
      OrderStore store(tx);
      store.set_payment(order_id, payment_info(payment));
    });
  }
}

void OrderLifecycle::apply_refund(kernel::Tx& tx, const std::string& order_id, const std::string& payment_id,
                                  std::int64_t amount_minor, std::int64_t refunded_minor) {
  OrderStore store(tx);
  auto order = store.find(order_id, true);
  if (!order) return;
  if (refunded_minor <= order->refunded_minor) return;  // a refund this order already counts
  auto status = parse_status(order->status).value();
  auto target = refunded_minor >= order->draft.total_minor ? OrderStatus::refunded : OrderStatus::partially_refunded;
  std::optional<Order> after;
  if (status == target && target == OrderStatus::partially_refunded) {
    store.set_refunded(order_id, refunded_minor);
    store.add_history(order_id, order->status, order->status, "refund");
    after = store.find(order_id);
  } else if (status != OrderStatus::cancelled && can_transition(status, target)) {
    after = store.change_status(order_id, {order->status, std::string(status_name(target)), "refund", std::nullopt,
                                           std::nullopt, refunded_minor, false});
  } else {
    // A cancelled order's money came back as part of its cancellation.
    store.set_refunded(order_id, refunded_minor);
    return;
  }
  if (after) publish(tx, events::kRefunded, refunded_payload(*after, payment_id, amount_minor, after->updated_at));
}

}  // namespace emporium::order
