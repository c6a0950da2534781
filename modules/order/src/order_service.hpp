#pragma once
// Reading orders (who may see what) and changing their status by the state
// machine. Also the shipping module's port onto orders.
#include <optional>
#include <string>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/shipping/shippable_orders.hpp"
#include "order_lifecycle.hpp"
#include "order_types.hpp"

namespace emporium::order {

// An order as its caller may see it: a seller only their lines.
struct OrderView {
  Order order;
  std::optional<std::string> seller_id;  // set: only this seller's lines
};

class OrderService final : public shipping::ShippableOrders {
 public:
  OrderService(kernel::Database& db, OrderLifecycle& lifecycle) : db_(db), lifecycle_(lifecycle) {}

  // The owner, an admin, or a seller with lines in it; others `not_found`.
  kernel::Result<OrderView> get(const kernel::Principal& caller, const std::string& order_id);
  Paged<Order> of_customer(const std::string& customer_id, const kernel::PageRequest& page);
  // Self or admin, else `not_found`.
  kernel::Result<Paged<Order>> of_user(const kernel::Principal& caller, const std::string& user_id,
                                       const kernel::PageRequest& page);
  Paged<Order> by_status(const std::optional<std::string>& status, const kernel::PageRequest& page);
  Paged<Order> of_seller(const std::string& seller_id, const kernel::PageRequest& page);

  // Admin: to `status` if the state machine allows it. Errors: not_found,
  // invalid_status, invalid_transition, shipment_required,
  // refund_through_payments.
  kernel::Result<Order> set_status(const std::string& order_id, const std::string& status);
  // The owner (or an admin), before shipment. Errors: not_found, invalid_transition.
  kernel::Result<Order> cancel(const kernel::Principal& caller, const std::string& order_id);

  std::optional<shipping::ShippableOrder> find(const std::string& order_id) override;

  boost::json::value export_personal_data(const std::string& user_id);
  void erase_personal_data(kernel::Tx& tx, const std::string& user_id);

 private:
  std::optional<Order> load(const std::string& order_id);

  kernel::Database& db_;
  OrderLifecycle& lifecycle_;
};

}  // namespace emporium::order
