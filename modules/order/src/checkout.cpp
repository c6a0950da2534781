#include "checkout.hpp"

#include "emporium/kernel/log.hpp"
#include "emporium/order/events.hpp"
#include "order_json.hpp"
#include "order_module_id.hpp"
#include "order_store.hpp"
#include "pricing.hpp"

namespace emporium::order {
namespace {

const std::string kReserving = "reserving";
const std::string kCharging = "charging";
const std::string kCompleting = "completing";
const std::string kDone = "done";
const std::string kAwaitingPayment = "awaiting_payment";
const std::string kFailed = "failed";

bool is_decline(const std::string& code) { return code == "payment_declined" || code == "insufficient_funds"; }

kernel::Error cart_error(const kernel::Error& error) {
  if (error.code == "not_found") return {"cart_not_found", error.message};
  return error;
}

std::vector<inventory::ReservationLine> reservation_lines(const OrderDraft& draft) {
  std::vector<inventory::ReservationLine> lines;
  for (const auto& line : draft.lines) lines.push_back({line.variant_id, line.quantity});
  return lines;
}

}  // namespace

kernel::Result<OrderDraft> Checkout::prepare(const std::string& customer_id, const CheckoutRequest& request) {
  auto& ports = lifecycle_.ports();
  auto cart = ports.carts.checkout_view(request.cart_id, customer_id);
  if (!cart) return cart_error(cart.error());
  OrderDraft draft;
  draft.customer_id = customer_id;
  draft.cart_id = cart->cart_id;
  draft.currency = cart->currency;
  for (const auto& line : cart->lines) {
    draft.lines.push_back({line.product_id, line.variant_id, line.seller_id, line.product_name, line.sku,
                           line.options, line.quantity, line.unit_price_minor, line.line_total_minor});
  }
  draft.weight_grams = cart->weight_grams;
  if (request.address) {
    draft.address = *request.address;
  } else {
    auto saved = ports.users.find_address(customer_id, request.address_id);
    if (!saved) return kernel::Error{"address_not_found", "Address " + request.address_id + " does not exist."};
    draft.address = *saved;
  }
  shipping::Parcel parcel{draft.address.country, cart->weight_grams, cart->subtotal_minor, cart->currency};
  auto option = ports.shipping.option_for(parcel, request.shipping_option_id);
  if (!option) return option.error();
  draft.shipping = {option->id, option->carrier, option->service, option->name};
  auto totals = order_totals(cart->subtotal_minor, option->price_minor, draft.address.country, config_.tax_rates);
  draft.subtotal_minor = totals.subtotal_minor;
  draft.shipping_minor = totals.shipping_minor;
  draft.tax_minor = totals.tax_minor;
  draft.total_minor = totals.total_minor;
  draft.capture = config_.capture_on_checkout;
  return draft;
}

CheckoutOutcome Checkout::place(const std::string& customer_id, const std::string& idempotency_key,
                                const CheckoutRequest& request, const AnswerWriter& write_answer) {
  // A first request finds no saga, so it is looked for only when it
  // matters: a retry (after a 5xx released the key) whose cart the first
  // attempt already checked out cannot be prepared again, and one that can
  // meets the first saga at its insert.
  auto draft = prepare(customer_id, request);
  if (!draft) {
    auto existing = db_.transact(order_module_id(), [&](kernel::Tx& tx) {
      return OrderStore(tx).saga_by_key(customer_id, idempotency_key);
    });
    if (existing) return run(*existing, request.card, write_answer);
    lifecycle_.metrics().checkout_failed(draft.error().code);
    return {std::nullopt, draft.error(), ""};
  }
  Saga saga;
  saga.customer_id = customer_id;
  saga.idempotency_key = idempotency_key;
  saga.cart_id = draft->cart_id;
  saga.step = kReserving;
  saga.draft = draft.value();
  const bool inserted = db_.transact(order_module_id(), [&](kernel::Tx& tx) {
    tx.commit_with_next_statement();
    return OrderStore(tx).insert_saga(saga);
  });
  if (inserted) return run(saga, request.card, write_answer);
  // A retry that raced the first request: its saga, read once that one committed.
  auto started = db_.transact(order_module_id(), [&](kernel::Tx& tx) {
    return OrderStore(tx).saga_by_key(customer_id, idempotency_key);
  });
  return run(started.value(), request.card, write_answer);
}

Saga Checkout::reload(const Saga& saga) {
  auto found = db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).saga_by_id(saga.id, false); });
  return found.value();
}

CheckoutOutcome Checkout::run(Saga saga, const payment::CardDetails& card, const AnswerWriter& write_answer) {
  auto& ports = lifecycle_.ports();
  if (saga.step == kReserving) {
    auto reserved = ports.inventory.reserve(saga.order_id, reservation_lines(saga.draft));
    if (!reserved) {
      const auto& error = reserved.error();
      if (error.code != "insufficient_stock") (void)ports.inventory.release(saga.order_id);
      bool failed = db_.transact(order_module_id(), [&](kernel::Tx& tx) {
        return OrderStore(tx).fail_saga(saga.id, kReserving, error.code, error.message);
      });
      if (failed) lifecycle_.metrics().checkout_failed(error.code);
      return answer(reload(saga));
    }
    bool placed = db_.transact(order_module_id(), [&](kernel::Tx& tx) {
      OrderStore store(tx);
      if (!store.advance_saga(saga.id, kReserving, kCharging)) return false;
      auto order = store.insert_order(saga.order_id, saga.draft);
      if (!order) order = store.find(saga.order_id);
      publish(tx, events::kPlaced, placed_payload(order.value(), order->updated_at));
      return true;
    });
    if (placed) {
      lifecycle_.metrics().placed.increment();
      saga.step = kCharging;
    } else {
      saga = reload(saga);  // a repair took the saga over
    }
  }
  if (saga.step == kCharging) {
    payment::ChargeRequest charge{saga.order_id, saga.customer_id, saga.draft.total_minor, saga.draft.currency, card,
                                  saga.draft.capture};
    auto charged = ports.payments.charge(charge);
    if (!charged) {
      // A decline, or any refusal of the payment: nothing stays reserved.
      (void)ports.inventory.release(saga.order_id);
      std::string code = is_decline(charged.error().code) ? "payment_declined" : charged.error().code;
      return answer_failed(saga, code, charged.error().message);
    }
    return after_charge(saga, charged.value(), write_answer);
  }
  if (saga.step == kCompleting) {
    auto order = db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).find(saga.order_id); });
    if (order) lifecycle_.complete_paid(*order);
    db_.transact(order_module_id(), [&](kernel::Tx& tx) { OrderStore(tx).advance_saga(saga.id, kCompleting, kDone); });
    saga = reload(saga);
  }
  return answer(saga);
}

CheckoutOutcome Checkout::after_charge(const Saga& saga, const payment::PaymentSummary& payment,
                                       const AnswerWriter& write_answer) {
  if (payment.status == "captured") {
    auto settled = lifecycle_.settle_paid(saga.order_id, payment, CommitRecord::caller);
    // One unit of work ends the saga, reads the answer, records the stock
    // commit and hands the answer to write_answer, in two round trips. A
    // crash before it leaves the saga charging, and the repair settles again
    // (each step idempotent). The saga row is updated before the order row,
    // in the order the repair locks them. Its commit waits for the WAL
    // flush, and so puts every step before it on disk too.
    auto outcome = db_.transact(order_module_id(), [&](kernel::Tx& tx) -> std::optional<CheckoutOutcome> {
      tx.commit_durably();
      OrderStore store(tx);
      auto order = store.advance_saga_then_find(saga.id, kCharging, kDone, saga.order_id);
      if (!order) return std::nullopt;
      if (settled && settled->stock_committed) {
        store.mark_stock_committed(saga.order_id);
        order->stock_committed = true;
      }
      auto answered = answer_order(order);
      if (write_answer) write_answer(tx, answered);
      return answered;
    });
    if (!outcome) return answer(reload(saga));  // a repair took the saga over
    return *outcome;
  }
  if (payment.status == "pending" || (payment.status == "authorized" && !saga.draft.capture)) {
    // The payment events (a webhook, an admin capture) settle the order later.
    db_.transact(order_module_id(), [&](kernel::Tx& tx) {
      OrderStore store(tx);
      store.set_payment(saga.order_id, payment_info(payment));
      store.advance_saga(saga.id, kCharging, kAwaitingPayment);
    });
    return answer(reload(saga));
  }
  // Failed, voided, or authorized when a capture was asked: give it all back.
  (void)lifecycle_.ports().inventory.release(saga.order_id);
  auto returned = lifecycle_.ports().payments.cancel_for_order(saga.order_id);
  (void)returned;
  std::string code = payment.failure_code.empty() || is_decline(payment.failure_code) ? "payment_declined"
                                                                                       : payment.failure_code;
  return answer_failed(saga, code, "The payment was not completed.");
}

CheckoutOutcome Checkout::answer_failed(Saga saga, const std::string& code, const std::string& detail) {
  bool failed = db_.transact(order_module_id(), [&](kernel::Tx& tx) { return fail_charge(tx, saga, code, detail); });
  if (!failed) return answer(reload(saga));  // someone else finished it
  saga.step = kFailed;
  saga.failure_code = code;
  saga.failure_detail = detail;
  return answer(saga);
}

bool Checkout::fail_charge(kernel::Tx& tx, const Saga& saga, const std::string& code, const std::string& detail) {
  OrderStore store(tx);
  if (!store.fail_saga(saga.id, kCharging, code, detail)) return false;  // someone else finished it
  lifecycle_.metrics().checkout_failed(code);
  auto cancelled = store.change_status(saga.order_id, {"pending_payment", "cancelled", detail, std::nullopt, code,
                                                       std::nullopt, false});
  if (cancelled) publish(tx, events::kCancelled, cancelled_payload(*cancelled, false, cancelled->updated_at));
  return true;
}

CheckoutOutcome Checkout::answer(const Saga& saga) {
  if (saga.step == kFailed) {
    std::string order_id;
    if (saga.failure_code != "insufficient_stock" && saga.failure_code.rfind("reservation_", 0) != 0) {
      order_id = saga.order_id;
    }
    auto exists = db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).find(saga.order_id); });
    if (!exists) order_id.clear();
    std::string code = saga.failure_code;
    if (code != "insufficient_stock" && code != "payment_declined") code = "checkout_failed";
    return {std::nullopt, {code, saga.failure_detail}, order_id};
  }
  return answer_order(
      db_.transact(order_module_id(), [&](kernel::Tx& tx) { return OrderStore(tx).find(saga.order_id); }));
}

CheckoutOutcome Checkout::answer_order(const std::optional<Order>& order) {
  if (!order) return {std::nullopt, {"checkout_failed", "The checkout did not create an order."}, ""};
  if (order->status == "cancelled") {
    return {std::nullopt, {"checkout_failed", "The order was cancelled: " + order->cancel_reason}, order->id};
  }
  return {order, {}, order->id};
}

bool Checkout::repair_one() {
  return db_.transact(order_module_id(), [&](kernel::Tx& tx) {
    OrderStore store(tx);
    auto saga = store.claim_stale_saga(config_.saga_repair_after);
    if (!saga) return false;
    kernel::log::info("order", "repairing an interrupted checkout",
              {{"order_id", saga->order_id}, {"step", std::string_view(saga->step)}});
    repair(tx, *saga);
    return true;
  });
}

void Checkout::repair(kernel::Tx& tx, const Saga& saga) {
  auto& ports = lifecycle_.ports();
  OrderStore store(tx);
  if (saga.step == kReserving) {
    // The order was never created: give back whatever the reserve may have held.
    auto released = ports.inventory.release(saga.order_id);
    if (!released) throw std::runtime_error("release failed: " + released.error().message);
    store.fail_saga(saga.id, kReserving, "checkout_interrupted", "The checkout was interrupted before payment.");
    lifecycle_.metrics().checkout_failed("checkout_interrupted");
    return;
  }
  if (saga.step == kCompleting) {
    auto order = store.find(saga.order_id);
    if (order) lifecycle_.complete_paid(*order);
    store.advance_saga(saga.id, kCompleting, kDone);
    return;
  }
  // charging: the payment module knows whether the card was charged.
  auto payment = ports.payments.for_order(saga.order_id);
  if (payment && (payment->status == "captured" || payment->status == "partially_refunded" ||
                  payment->status == "refunded")) {
    lifecycle_.settle_paid(saga.order_id, *payment);
    store.advance_saga(saga.id, kCharging, kDone);
    return;
  }
  if (payment && payment->status == "authorized" && !saga.draft.capture) {
    store.set_payment(saga.order_id, payment_info(*payment));
    store.advance_saga(saga.id, kCharging, kAwaitingPayment);
    return;
  }
  if (payment && payment->status == "pending") {
    // Pending at the provider (a webhook settles it) or lost in the crash
    // before the provider call (the payment module voids it once it is
    // older than payment.abandoned_charge_after_ms): ask again next round
    // rather than park the saga, so a lost charge never holds the stock.
    store.set_payment(saga.order_id, payment_info(*payment));
    store.touch_saga(saga.id);
    return;
  }
  // Never charged, declined, or authorized without the asked capture.
  auto released = ports.inventory.release(saga.order_id);
  if (!released) throw std::runtime_error("release failed: " + released.error().message);
  if (payment) {
    auto returned = ports.payments.cancel_for_order(saga.order_id);
    if (!returned) throw std::runtime_error("payment cancel failed: " + returned.error().message);
  }
  fail_charge(tx, saga, payment && !payment->failure_code.empty() ? "payment_declined" : "checkout_interrupted",
              "The checkout was interrupted before the payment completed.");
}

}  // namespace emporium::order
