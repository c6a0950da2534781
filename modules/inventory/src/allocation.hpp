#pragma once
// Pure reservation rules, no I/O: how an order's lines are normalised and
// how a quantity is taken from the warehouses in their allocation order.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emporium/inventory/inventory.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::inventory {

inline constexpr std::int64_t kMaxLineQuantity = 1'000'000;
inline constexpr std::size_t kMaxLines = 500;

// What one warehouse holds of one variant.
struct WarehouseStock {
  std::string warehouse_id;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t available() const { return on_hand - reserved; }
};

struct Allocation {
  std::string warehouse_id;
  std::int64_t quantity = 0;
};

// Takes `quantity` from `warehouses` in the order given (the allocation
// order), from each as much as it has available, until the quantity is
// covered. nullopt when all of them together have less than `quantity`.
std::optional<std::vector<Allocation>> allocate(std::int64_t quantity, const std::vector<WarehouseStock>& warehouses);

// The lines merged by variant and sorted by variant id (the lock order).
// Error `validation_failed` for no lines, too many, an empty variant id or a
// quantity outside 1..kMaxLineQuantity.
kernel::Result<std::vector<ReservationLine>> normalise_lines(const std::vector<ReservationLine>& lines);

// A canonical text of normalised lines ("var_a*2,var_b*1"): a repeated
// reserve for an order must ask for the same.
std::string request_text(const std::vector<ReservationLine>& normalised);

}  // namespace emporium::inventory
