#pragma once
// The inventory's plain value types.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "allocation.hpp"

namespace emporium::inventory {

// Who a variant belongs to: copied from the catalog at its first stock write.
struct VariantOwner {
  std::string variant_id;
  std::string product_id;
  std::string seller_id;
};

// A variant's stock: totals and the warehouses that hold it, in allocation order.
struct StockLevel {
  VariantOwner owner;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t threshold = 0;  // the effective low-stock threshold
  std::vector<WarehouseStock> warehouses;  // empty in the low-stock list
  std::int64_t available() const { return on_hand - reserved; }
};

struct Warehouse {
  std::string id;
  std::string name;
  std::string code;
  std::string created_at;
};

template <class T>
struct Paged {
  std::int64_t total = 0;
  std::vector<T> items;
};

}  // namespace emporium::inventory
