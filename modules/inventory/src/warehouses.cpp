#include "warehouses.hpp"

#include "inventory_module_id.hpp"
#include "warehouse_store.hpp"

namespace emporium::inventory {

Paged<Warehouse> Warehouses::list(const kernel::PageRequest& page) {
  return db_.transact(inventory_module_id(), [&](kernel::Tx& tx) { return WarehouseStore(tx).list(page); });
}

kernel::Result<Warehouse> Warehouses::create(const std::string& name, const std::string& code) {
  auto created =
      db_.transact(inventory_module_id(), [&](kernel::Tx& tx) { return WarehouseStore(tx).insert(name, code); });
  if (!created) return kernel::Error{"warehouse_code_taken", "A warehouse with code " + code + " exists already."};
  return *created;
}

}  // namespace emporium::inventory
