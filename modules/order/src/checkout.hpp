#pragma once
// POST /orders as a saga over the other modules' interfaces, each step in
// its own module's transaction, and the repair of sagas a crash left
// behind. The order id is chosen before any other module is called, and
// every call is idempotent by it, so a step can always be repeated.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/payment/payments.hpp"
#include "emporium/user/postal_address.hpp"
#include "order_config.hpp"
#include "order_lifecycle.hpp"
#include "order_types.hpp"

namespace emporium::order {

struct CheckoutRequest {
  std::string cart_id;
  std::optional<user::PostalAddress> address;  // or address_id
  std::string address_id;
  std::string shipping_option_id;
  payment::CardDetails card;
};

struct CheckoutOutcome {
  std::optional<Order> order;  // the order (201) unless it failed
  kernel::Error error;         // why it failed
  std::string order_id;        // the cancelled order of a declined payment
};

// Called in the unit of work that ends a successful checkout, with its
// answer, so that the caller can keep what it keeps of the answer (the
// idempotent response) in the same transaction.
using AnswerWriter = std::function<void(kernel::Tx&, const CheckoutOutcome&)>;

class Checkout {
 public:
  Checkout(kernel::Database& db, OrderLifecycle& lifecycle, const OrderConfig& config)
      : db_(db), lifecycle_(lifecycle), config_(config) {}

  // Runs the checkout keyed by (customer, idempotency key): a repeat resumes
  // or answers the first one. Errors: cart_not_found, cart_empty,
  // product_unavailable, address_not_found, shipping_unavailable,
  // invalid_shipping_option, insufficient_stock, payment_declined,
  // checkout_failed.
  CheckoutOutcome place(const std::string& customer_id, const std::string& idempotency_key,
                        const CheckoutRequest& request, const AnswerWriter& write_answer = {});

  // Repairs one saga untouched for config.saga_repair_after; false when none is due.
  bool repair_one();

 private:
  kernel::Result<OrderDraft> prepare(const std::string& customer_id, const CheckoutRequest& request);
  CheckoutOutcome run(Saga saga, const payment::CardDetails& card, const AnswerWriter& write_answer);
  CheckoutOutcome after_charge(const Saga& saga, const payment::PaymentSummary& payment,
                               const AnswerWriter& write_answer);
  CheckoutOutcome answer(const Saga& saga);
  // The answer of a saga that is done, from its order.
  static CheckoutOutcome answer_order(const std::optional<Order>& order);
  // Fails a charging saga (fail_charge) and answers it.
  CheckoutOutcome answer_failed(Saga saga, const std::string& code, const std::string& detail);
  Saga reload(const Saga& saga);
  // Release is called before; this cancels the order and fails the saga.
  // False when the saga had left `charging` (someone else finished it).
  bool fail_charge(kernel::Tx& tx, const Saga& saga, const std::string& code, const std::string& detail);
  void repair(kernel::Tx& tx, const Saga& saga);

  kernel::Database& db_;
  OrderLifecycle& lifecycle_;
  const OrderConfig& config_;
};

}  // namespace emporium::order
