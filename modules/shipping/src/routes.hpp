#pragma once
// HTTP <-> ShippingService, nothing else.
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/router.hpp"
#include "shipping_service.hpp"

namespace emporium::shipping {

void add_rate_routes(kernel::Router& router, const kernel::Auth& auth, ShippingService& shipping);
void add_shipment_routes(kernel::Router& router, const kernel::Auth& auth, ShippingService& shipping);

}  // namespace emporium::shipping
