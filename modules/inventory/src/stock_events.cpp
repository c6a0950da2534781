#include "stock_events.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::inventory {

namespace {

boost::json::object stock_changed_object(const VariantOwner& owner, std::int64_t on_hand, std::int64_t reserved,
                                         std::int64_t version) {
  return {{"variant_id", owner.variant_id},
          {"product_id", owner.product_id},
          {"on_hand", on_hand},
          {"reserved", reserved},
          {"available", on_hand - reserved},
          {"version", version}};
}

}  // namespace

std::string stock_changed_payload(const VariantOwner& owner, std::int64_t on_hand, std::int64_t reserved,
                                  std::int64_t version) {
  return boost::json::serialize(stock_changed_object(owner, on_hand, reserved, version));
}

std::string stock_loaded_payload(const std::vector<StockFigures>& levels) {
  boost::json::array array;
  array.reserve(levels.size());
  for (const auto& level : levels) {
    array.push_back(stock_changed_object(level.owner, level.on_hand, level.reserved, level.version));
  }
  return boost::json::serialize(boost::json::object{{"levels", std::move(array)}});
}

std::string low_stock_payload(const VariantOwner& owner, std::int64_t available, std::int64_t threshold) {
  return boost::json::serialize(boost::json::object{{"variant_id", owner.variant_id},
                                                    {"product_id", owner.product_id},
                                                    {"seller_id", owner.seller_id},
                                                    {"available", available},
                                                    {"threshold", threshold}});
}

}  // namespace emporium::inventory
