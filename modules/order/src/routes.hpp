#pragma once
#include "checkout.hpp"
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/router.hpp"
#include "order_service.hpp"

namespace emporium::order {

void add_order_routes(kernel::Router& router, const kernel::Auth& auth, kernel::Database& db, Checkout& checkout,
                      OrderService& orders);

}  // namespace emporium::order
