#pragma once
// What the shipping module needs to know about an order to ship it, as a
// port that the order module implements and provides at start
// (`context.services.provide<shipping::ShippableOrders>(...)`). The order
// module depends on shipping, not the other way round, so shipping looks it
// up when a request needs it (the order module starts after shipping).
#include <cstdint>
#include <optional>
#include <string>

#include "emporium/user/postal_address.hpp"

namespace emporium::shipping {

struct ShippableOrder {
  std::string order_id;
  std::string customer_id;
  std::string status;  // the order's status: pending_payment, paid, shipped, ...
  user::PostalAddress address;
  std::int64_t weight_grams = 0;
  std::string shipping_option_id;
  std::string carrier;
  std::string service;
};

class ShippableOrders {
 public:
  virtual ~ShippableOrders() = default;
  virtual std::optional<ShippableOrder> find(const std::string& order_id) = 0;
};

}  // namespace emporium::shipping
