#include "event_payload.hpp"

#include <boost/json/parse.hpp>

#include <stdexcept>


namespace emporium::notification {

boost::json::object payload_of(const kernel::Event& event) {
  auto value = boost::json::parse(event.payload);
  if (!value.is_object()) throw std::runtime_error(event.name + ": payload is not an object");
  return value.as_object();
}

std::string text_of(const boost::json::object& payload, std::string_view field) {
  const auto* value = payload.if_contains(field);
  if (value == nullptr) return {};
  if (value->is_string()) return std::string(value->as_string());
  if (value->is_int64()) return std::to_string(value->as_int64());
  if (value->is_uint64()) return std::to_string(value->as_uint64());
  if (value->is_double()) return std::to_string(value->as_double());
  return {};
}

std::string money_of(const boost::json::object& payload, std::string_view amount_field) {
  const auto* value = payload.if_contains(amount_field);
  if (value == nullptr || !value->is_int64()) return {};
  auto minor = value->as_int64();
  if (minor < 0) return {};
  auto cents = std::to_string(minor % 100);
  auto text = std::to_string(minor / 100) + "." + (cents.size() == 1 ? "0" + cents : cents);
  auto currency = text_of(payload, "currency");
  return currency.empty() ? text : text + " " + currency;
}

TemplateData data_of(const boost::json::object& payload, std::initializer_list<std::string_view> fields) {
  TemplateData data;
  for (auto field : fields) {
    if (payload.contains(field)) data.emplace(std::string(field), text_of(payload, field));
  }
  return data;
}

}  // namespace emporium::notification
