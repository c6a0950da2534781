#pragma once
// Demo stock: two warehouses and stock for every variant of the catalog,
// unless the inventory holds stock already.
#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/database.hpp"

namespace emporium::inventory {

// Returns how many variants were stocked.
std::size_t seed_demo_stock(kernel::Database& db, catalog::Catalog& catalog);

}  // namespace emporium::inventory
