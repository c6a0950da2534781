#pragma once
// New ids. A guest cart's id is the capability to use it, so it carries 128
// random bits from the operating system's CSPRNG.
#include <string>

namespace emporium::cart {

std::string new_cart_id();  // "cart_" + 32 hex digits
std::string new_item_id();  // "item_" + 20 hex digits

}  // namespace emporium::cart
