#include "inventory_json.hpp"

#include <boost/json/array.hpp>

namespace emporium::inventory {

boost::json::object stock_level_json(const StockLevel& level) {
  boost::json::array warehouses;
  for (const auto& warehouse : level.warehouses) {
    warehouses.push_back({{"warehouse_id", warehouse.warehouse_id},
                          {"on_hand", warehouse.on_hand},
                          {"reserved", warehouse.reserved},
                          {"available", warehouse.available()}});
  }
  return {{"variant_id", level.owner.variant_id},
          {"product_id", level.owner.product_id},
          {"on_hand", level.on_hand},
          {"reserved", level.reserved},
          {"available", level.available()},
          {"low_stock_threshold", level.threshold},
          {"warehouses", std::move(warehouses)}};
}

boost::json::object warehouse_json(const Warehouse& warehouse) {
  return {{"id", warehouse.id}, {"name", warehouse.name}, {"code", warehouse.code}, {"created_at", warehouse.created_at}};
}

boost::json::object alert_json(const StockLevel& alert) {
  return {{"variant_id", alert.owner.variant_id},
          {"product_id", alert.owner.product_id},
          {"seller_id", alert.owner.seller_id},
          {"on_hand", alert.on_hand},
          {"reserved", alert.reserved},
          {"available", alert.available()},
          {"threshold", alert.threshold}};
}

}  // namespace emporium::inventory
