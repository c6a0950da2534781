#pragma once
// Warehouses: listed and created by admins.
#include <string>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/kernel/result.hpp"
#include "stock_types.hpp"

namespace emporium::inventory {

class Warehouses {
 public:
  explicit Warehouses(kernel::Database& db) : db_(db) {}

  Paged<Warehouse> list(const kernel::PageRequest& page);
  // `code` already normalised. Error: warehouse_code_taken.
  kernel::Result<Warehouse> create(const std::string& name, const std::string& code);

 private:
  kernel::Database& db_;
};

}  // namespace emporium::inventory
