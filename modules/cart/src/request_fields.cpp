#include "request_fields.hpp"

#include "pricing.hpp"

namespace emporium::cart {
namespace {

constexpr kernel::StringRule kOptionalId{false, 1, 100};

}  // namespace

ItemRequest read_item_request(kernel::JsonBody& body) {
  ItemRequest out;
  auto variant_id = body.string("variant_id", kOptionalId);
  auto product_id = body.string("product_id", kOptionalId);
  const bool variant_given = body.has("variant_id");
  const bool product_given = body.has("product_id");
  if (variant_given && product_given) {
    body.add_error("product_id", "give either variant_id or product_id, not both");
  } else if (!variant_given && !product_given) {
    body.add_error("variant_id", "is required (or product_id for a product with one variant)");
  }
  out.variant_or_product_id = variant_id.value_or(product_id.value_or(""));
  out.quantity = body.integer("quantity", {false, kMinQuantity, kMaxQuantity}).value_or(1);
  return out;
}

std::int64_t read_quantity(kernel::JsonBody& body) {
  return body.integer("quantity", {true, kMinQuantity, kMaxQuantity}).value_or(0);
}

}  // namespace emporium::cart
