#pragma once
// HTTP <-> CartService, nothing else.
#include "cart_service.hpp"
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/router.hpp"

namespace emporium::cart {

void add_cart_routes(kernel::Router& router, const kernel::Auth& auth, CartService& carts);

}  // namespace emporium::cart
