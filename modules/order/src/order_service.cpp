#include "order_service.hpp"

#include <boost/json/array.hpp>

#include "emporium/order/events.hpp"
#include "order_json.hpp"
#include "order_module_id.hpp"
#include "order_store.hpp"
#include "state_machine.hpp"

namespace emporium::order {
namespace {

kernel::Error not_found(const std::string& order_id) { return {"not_found", "Order " + order_id + " does not exist."}; }

bool has_lines_of(const Order& order, const std::string& seller_id) {
  for (const auto& line : order.draft.lines) {
    if (line.seller_id == seller_id) return true;
  }
  return false;
}

}  // namespace

std::optional<Order> OrderService::load(const std::string& order_id) {
  return db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).find(order_id); });
}

kernel::Result<OrderView> OrderService::get(const kernel::Principal& caller, const std::string& order_id) {
  auto order = load(order_id);
  if (!order) return not_found(order_id);
  if (caller.role == kernel::Role::admin || order->draft.customer_id == caller.user_id) return OrderView{*order, {}};
  if (caller.role == kernel::Role::seller && has_lines_of(*order, caller.user_id)) {
    return OrderView{*order, caller.user_id};
  }
  return not_found(order_id);
}

Paged<Order> OrderService::of_customer(const std::string& customer_id, const kernel::PageRequest& page) {
  return db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).of_customer(customer_id, page); });
}

kernel::Result<Paged<Order>> OrderService::of_user(const kernel::Principal& caller, const std::string& user_id,
                                                   const kernel::PageRequest& page) {
  if (caller.role != kernel::Role::admin && caller.user_id != user_id) {
    return kernel::Error{"not_found", "User " + user_id + " does not exist."};
  }
  return of_customer(user_id, page);
}

Paged<Order> OrderService::by_status(const std::optional<std::string>& status, const kernel::PageRequest& page) {
  return db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).by_status(status, page); });
}

Paged<Order> OrderService::of_seller(const std::string& seller_id, const kernel::PageRequest& page) {
  return db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).of_seller(seller_id, page); });
}

kernel::Result<Order> OrderService::set_status(const std::string& order_id, const std::string& status) {
  auto target = parse_status(status);
  if (!target) return kernel::Error{"invalid_status", "Unknown status '" + status + "'."};
  auto order = load(order_id);
  if (!order) return not_found(order_id);
  auto from = parse_status(order->status).value();
  if (!can_transition(from, *target)) {
    return kernel::Error{"invalid_transition", "Order " + order_id + " cannot go from " + order->status + " to " +
                                                   status + "."};
  }
  auto& ports = lifecycle_.ports();
  if (*target == OrderStatus::cancelled) return lifecycle_.cancel(order_id, "cancelled by an admin");
  if (*target == OrderStatus::partially_refunded) {
    return kernel::Error{"refund_through_payments",
                         "A partial refund needs an amount: POST /payments/{id}/refund moves the order."};
  }
  if (*target == OrderStatus::paid) {
    return kernel::Error{"invalid_transition", "An order becomes paid when its payment is captured."};
  }
  std::optional<shipping::ShipmentSummary> shipment;
  if (*target == OrderStatus::shipped || *target == OrderStatus::delivered) {
    shipment = ports.shipping.shipment_for_order(order_id);
    if (!shipment) return kernel::Error{"shipment_required", "Order " + order_id + " has no shipment yet."};
  }
  std::optional<std::int64_t> refunded;
  std::string payment_id = order->payment ? order->payment->id : std::string();
  if (*target == OrderStatus::refunded) {
    // Whatever was captured and not yet refunded goes back.
    auto returned = ports.payments.cancel_for_order(order_id);
    if (!returned) return returned.error();
    refunded = order->draft.total_minor;
    if (returned.value()) {
      refunded = returned.value()->refunded_minor;
      payment_id = returned.value()->id;
    }
  }
  auto changed = db_.transact(order_module_id(), [&](kernel::Tx& tx) -> kernel::Result<Order> {
    OrderStore store(tx);
    auto after = store.change_status(order_id, {order->status, status, "set by an admin", std::nullopt, std::nullopt,
                                                refunded, false});
    if (!after) {
      return kernel::Error{"invalid_transition", "Order " + order_id + " changed meanwhile; read it again."};
    }
    const auto& now = after->updated_at;
    auto payload = event_base(*after, now);
    if (*target == OrderStatus::shipped) {
      payload["shipment_id"] = shipment->id;
      payload["tracking_number"] = shipment->tracking_number;
      payload["carrier"] = shipment->carrier;
      publish(tx, events::kShipped, payload);
    } else if (*target == OrderStatus::delivered) {
      payload["shipment_id"] = shipment->id;
      payload["tracking_number"] = shipment->tracking_number;
      publish(tx, events::kDelivered, payload);
    } else if (*target == OrderStatus::refunded) {
      publish(tx, events::kRefunded,
              refunded_payload(*after, payment_id, after->refunded_minor - order->refunded_minor, now));
    }
    return *after;
  });
  return changed;
}

kernel::Result<Order> OrderService::cancel(const kernel::Principal& caller, const std::string& order_id) {
  auto order = load(order_id);
  if (!order || (caller.role != kernel::Role::admin && order->draft.customer_id != caller.user_id)) {
    return not_found(order_id);
  }
  return lifecycle_.cancel(order_id, caller.role == kernel::Role::admin ? "cancelled by an admin"
                                                                        : "cancelled by the customer");
}

std::optional<shipping::ShippableOrder> OrderService::find(const std::string& order_id) {
  auto order = load(order_id);
  if (!order) return std::nullopt;
  return shipping::ShippableOrder{order->id,
                                  order->draft.customer_id,
                                  order->status,
                                  order->draft.address,
                                  order->draft.weight_grams,
                                  order->draft.shipping.option_id,
                                  order->draft.shipping.carrier,
                                  order->draft.shipping.service};
}

boost::json::value OrderService::export_personal_data(const std::string& user_id) {
  auto orders = db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).all_of_customer(user_id); });
  boost::json::array out;
  for (const auto& order : orders) out.push_back(order_json(order));
  return out;
}

void OrderService::erase_personal_data(kernel::Tx& tx, const std::string& user_id) { OrderStore(tx).anonymise(user_id); }

}  // namespace emporium::order
