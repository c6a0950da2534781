#pragma once
// The cart as the contract shows it.
#include <boost/json/object.hpp>

#include "pricing.hpp"

namespace emporium::cart {

boost::json::object cart_json(const PricedCart& cart);
boost::json::object item_json(const PricedItem& item);
// What the export holds of a stored cart (no catalog data: only what this module keeps).
boost::json::object stored_cart_json(const StoredCart& cart);

}  // namespace emporium::cart
