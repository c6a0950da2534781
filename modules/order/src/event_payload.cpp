#include <boost/json/parse.hpp>

#include "subscribers.hpp"

namespace emporium::order {

boost::json::object parse_payload(const kernel::Event& event) {
  auto value = boost::json::parse(event.payload);
  return value.is_object() ? value.as_object() : boost::json::object();
}

std::string payload_text(const boost::json::object& payload, std::string_view field) {
  const auto* value = payload.if_contains(field);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::int64_t payload_integer(const boost::json::object& payload, std::string_view field) {
  const auto* value = payload.if_contains(field);
  return value != nullptr && value->is_int64() ? value->as_int64() : 0;
}

}  // namespace emporium::order
