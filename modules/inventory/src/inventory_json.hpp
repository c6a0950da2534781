#pragma once
// The JSON shapes of the inventory's responses.
#include <boost/json/object.hpp>

#include "stock_types.hpp"

namespace emporium::inventory {

// {variant_id, product_id, on_hand, reserved, available, low_stock_threshold,
//  warehouses: [{warehouse_id, on_hand, reserved, available}]}
boost::json::object stock_level_json(const StockLevel& level);
boost::json::object warehouse_json(const Warehouse& warehouse);
boost::json::object alert_json(const StockLevel& alert);

}  // namespace emporium::inventory
