#pragma once
// SQL of inventory.warehouses.
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "stock_types.hpp"

namespace emporium::inventory {

class WarehouseStore {
 public:
  explicit WarehouseStore(kernel::Tx& tx) : tx_(tx) {}

  // In allocation order.
  Paged<Warehouse> list(const kernel::PageRequest& page);
  std::vector<Warehouse> all();
  // nullopt when the code is taken.
  std::optional<Warehouse> insert(const std::string& name, const std::string& code);
  bool exists(const std::string& id);
  // The first in allocation order: where a stock change that names no warehouse goes.
  std::optional<std::string> default_id();

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::inventory
