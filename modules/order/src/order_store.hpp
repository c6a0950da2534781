#pragma once
// SQL of the orders schema: orders, their lines and history, checkout
// sagas. Every call runs in the caller's unit of work.
#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "order_types.hpp"

namespace emporium::order {

// Changes that go with a status change, applied in the same UPDATE.
struct StatusChange {
  std::string from;  // the status the order must have now
  std::string to;
  std::string note;  // for the history
  std::optional<PaymentInfo> payment;
  std::optional<std::string> cancel_reason;
  std::optional<std::int64_t> refunded_minor;
  bool mark_paid_at = false;
};

class OrderStore {
 public:
  explicit OrderStore(kernel::Tx& tx) : tx_(tx) {}

  // Chooses the saga's and the order's ids; false when the customer already
  // has a saga with this idempotency key.
  bool insert_saga(Saga& saga);
  std::optional<Saga> saga_by_key(const std::string& customer_id, const std::string& key);
  std::optional<Saga> saga_by_id(const std::string& saga_id, bool lock);
  // Moves the saga on only when it is still at `from` (a repair may have taken it over).
  bool advance_saga(const std::string& saga_id, const std::string& from, const std::string& to);
  // Moves the saga as advance_saga does and reads the order in the same
  // statement; nullopt when the saga was not at `from` (or the order is gone).
  std::optional<Order> advance_saga_then_find(const std::string& saga_id, const std::string& from,
                                              const std::string& to, const std::string& order_id);
  // Leaves the saga where it is and puts it at the back of the repair queue.
  void touch_saga(const std::string& saga_id);
  bool fail_saga(const std::string& saga_id, const std::string& from, const std::string& code,
                 const std::string& detail);
  // An unfinished saga nobody touched for `idle`, locked (SKIP LOCKED).
  std::optional<Saga> claim_stale_saga(std::chrono::milliseconds idle);

  // The order with its lines and a `placed` history entry, as inserted;
  // nullopt if it exists.
  std::optional<Order> insert_order(const std::string& order_id, const OrderDraft& draft);
  std::optional<Order> find(const std::string& order_id, bool lock = false);
  // Those of `order_ids` whose order a captured payment still has to
  // settle: pending_payment, or cancelled (the money goes back).
  std::set<std::string> awaiting_capture(const std::vector<std::string>& order_ids);
  // Applies `change` when the order's status is change.from; the order after
  // (read by the UPDATE itself), or nullopt. An event about the change takes
  // its time from the order's updated_at, the transaction's now().
  std::optional<Order> change_status(const std::string& order_id, const StatusChange& change);
  void set_payment(const std::string& order_id, const PaymentInfo& payment);
  void set_refunded(const std::string& order_id, std::int64_t refunded_minor);
  void mark_stock_committed(const std::string& order_id);
  void add_history(const std::string& order_id, const std::string& from, const std::string& to,
                   const std::string& note);

  Paged<Order> of_customer(const std::string& customer_id, const kernel::PageRequest& page);
  Paged<Order> by_status(const std::optional<std::string>& status, const kernel::PageRequest& page);
  Paged<Order> of_seller(const std::string& seller_id, const kernel::PageRequest& page);
  std::vector<Order> all_of_customer(const std::string& customer_id);
  // Clears the name and street lines of every address of the customer's orders.
  int anonymise(const std::string& customer_id);

 private:
  Paged<Order> page_where(const std::string& where, const std::string& value, const kernel::PageRequest& page);

  kernel::Tx& tx_;
};

}  // namespace emporium::order
