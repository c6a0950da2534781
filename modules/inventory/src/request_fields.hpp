#pragma once
// Reading the inventory's request bodies. Each reader records every bad
// field in the JsonBody, so one 422 lists them all.
#include <string>

#include "emporium/kernel/json_body.hpp"
#include "stock_keeping.hpp"

namespace emporium::inventory {

inline constexpr std::int64_t kMaxOnHand = 1'000'000'000;

// PUT /inventory/{id}: {warehouse_id?, on_hand, low_stock_threshold?}
OnHandChange read_on_hand_change(kernel::JsonBody& body);
// PATCH /products/{id}/stock: {delta, warehouse_id?, variant_id?}
StockAdjustment read_adjustment(kernel::JsonBody& body);

struct NewWarehouse {
  std::string name;
  std::string code;  // normalised
};
// POST /warehouses: {name, code}
NewWarehouse read_new_warehouse(kernel::JsonBody& body);

}  // namespace emporium::inventory
