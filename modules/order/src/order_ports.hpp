#pragma once
// The other modules' interfaces the order module calls (found at start;
// fakes in tests).
#include "emporium/cart/carts.hpp"
#include "emporium/inventory/inventory.hpp"
#include "emporium/payment/payments.hpp"
#include "emporium/shipping/shipping.hpp"
#include "emporium/user/users.hpp"

namespace emporium::order {

struct OrderPorts {
  cart::Carts& carts;
  shipping::Shipping& shipping;
  payment::Payments& payments;
  inventory::Inventory& inventory;
  user::Users& users;
};

}  // namespace emporium::order
