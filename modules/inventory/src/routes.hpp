#pragma once
// The inventory's HTTP endpoints. PATCH /products/{id}/stock sits under the
// catalog's path but is the inventory's: the router keys routes by method
// and pattern, and no catalog route has this one.
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/router.hpp"
#include "stock_keeping.hpp"
#include "warehouses.hpp"

namespace emporium::inventory {

void add_stock_routes(kernel::Router& router, const kernel::Auth& auth, StockKeeping& stock);
void add_warehouse_routes(kernel::Router& router, const kernel::Auth& auth, Warehouses& warehouses);

}  // namespace emporium::inventory
