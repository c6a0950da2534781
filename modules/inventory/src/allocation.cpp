#include "allocation.hpp"

#include <algorithm>
#include <map>

namespace emporium::inventory {

std::optional<std::vector<Allocation>> allocate(std::int64_t quantity, const std::vector<WarehouseStock>& warehouses) {
  std::vector<Allocation> plan;
  std::int64_t missing = quantity;
  for (const auto& warehouse : warehouses) {
    if (missing == 0) break;
    std::int64_t take = std::min(missing, std::max<std::int64_t>(warehouse.available(), 0));
    if (take == 0) continue;
    plan.push_back({warehouse.warehouse_id, take});
    missing -= take;
  }
  if (missing > 0) return std::nullopt;
  return plan;
}

kernel::Result<std::vector<ReservationLine>> normalise_lines(const std::vector<ReservationLine>& lines) {
  auto invalid = [](std::string message) { return kernel::Error{"validation_failed", std::move(message)}; };
  if (lines.empty()) return invalid("a reservation needs at least one line");
  if (lines.size() > kMaxLines) return invalid("a reservation has at most " + std::to_string(kMaxLines) + " lines");
  std::map<std::string, std::int64_t> merged;
  for (const auto& line : lines) {
    if (line.variant_id.empty()) return invalid("every line needs a variant_id");
    if (line.quantity < 1 || line.quantity > kMaxLineQuantity) {
      return invalid("quantity of " + line.variant_id + " must be between 1 and " + std::to_string(kMaxLineQuantity));
    }
    merged[line.variant_id] += line.quantity;
  }
  std::vector<ReservationLine> out;
  for (auto& [variant_id, quantity] : merged) out.push_back({variant_id, quantity});
  return out;
}

std::string request_text(const std::vector<ReservationLine>& normalised) {
  std::string text;
  for (const auto& line : normalised) {
    if (!text.empty()) text += ',';
    text += line.variant_id + '*' + std::to_string(line.quantity);
  }
  return text;
}

}  // namespace emporium::inventory
