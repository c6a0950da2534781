#include "stock_payload.hpp"

#include <boost/json/parse.hpp>

#include <stdexcept>

namespace emporium::catalog {
namespace {

boost::json::value parse(std::string_view payload) {
  boost::system::error_code error;
  auto value = boost::json::parse(payload, error);
  if (error || !value.is_object()) throw std::invalid_argument("a stock event payload is not a JSON object");
  return value;
}

StockLevel level_of(const boost::json::value& value) {
  const auto* object = value.if_object();
  const auto* variant_id = object != nullptr ? object->if_contains("variant_id") : nullptr;
  const auto* available = object != nullptr ? object->if_contains("available") : nullptr;
  const auto* version = object != nullptr ? object->if_contains("version") : nullptr;
  if (variant_id == nullptr || !variant_id->is_string() || available == nullptr || !available->is_int64() ||
      version == nullptr || !version->is_int64()) {
    throw std::invalid_argument("a stock level without variant_id, available and version");
  }
  return {std::string(variant_id->get_string()), available->get_int64(), version->get_int64()};
}

}  // namespace

StockLevel stock_level_from_json(std::string_view payload) { return level_of(parse(payload)); }

std::vector<StockLevel> stock_levels_from_json(std::string_view payload) {
  const auto value = parse(payload);
  const auto* levels = value.get_object().if_contains("levels");
  if (levels == nullptr || !levels->is_array()) throw std::invalid_argument("inventory.stock_loaded without levels");
  std::vector<StockLevel> out;
  for (const auto& level : levels->get_array()) out.push_back(level_of(level));
  return out;
}

}  // namespace emporium::catalog
