#pragma once
// Reading the cart's request bodies; every bad field is recorded in the body.
#include <cstdint>

#include "cart_service.hpp"
#include "emporium/kernel/json_body.hpp"

namespace emporium::cart {

// {variant_id | product_id, quantity (1..999, default 1)}: exactly one of the ids.
ItemRequest read_item_request(kernel::JsonBody& body);
// {quantity}: required, 1..999.
std::int64_t read_quantity(kernel::JsonBody& body);

}  // namespace emporium::cart
