#include "request_fields.hpp"

#include "warehouse_rules.hpp"

namespace emporium::inventory {
namespace {

constexpr kernel::StringRule kOptionalId{false, 1, 100};
constexpr std::int64_t kMaxThreshold = 1'000'000;

}  // namespace

OnHandChange read_on_hand_change(kernel::JsonBody& body) {
  OnHandChange change;
  change.warehouse_id = body.string("warehouse_id", kOptionalId);
  change.on_hand = body.integer("on_hand", {true, 0, kMaxOnHand}).value_or(0);
  // Present means "set": a number sets the product's own threshold, null
  // gives it back the default.
  change.sets_threshold = body.has("low_stock_threshold");
  change.threshold = body.integer("low_stock_threshold", {false, 0, kMaxThreshold});
  return change;
}

StockAdjustment read_adjustment(kernel::JsonBody& body) {
  StockAdjustment adjustment;
  adjustment.delta = body.integer("delta", {true, -kMaxOnHand, kMaxOnHand}).value_or(0);
  adjustment.warehouse_id = body.string("warehouse_id", kOptionalId);
  adjustment.variant_id = body.string("variant_id", kOptionalId);
  return adjustment;
}

NewWarehouse read_new_warehouse(kernel::JsonBody& body) {
  NewWarehouse out;
  out.name = body.string("name", {true, 1, kMaxWarehouseName}).value_or("");
  if (auto code = body.string("code", {true, 1, kMaxWarehouseCode})) {
    auto normalised = normalise_warehouse_code(*code);
    if (!normalised) {
      body.add_error("code", "must be letters, digits, '_' or '-', starting with a letter or digit");
    } else {
      out.code = *normalised;
    }
  }
  return out;
}

}  // namespace emporium::inventory
