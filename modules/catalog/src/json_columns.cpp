#include "json_columns.hpp"

#include <boost/json/parse.hpp>


namespace emporium::catalog {
namespace {

// The stores write these columns, so a value that does not parse is a bug
// (or a hand edit): it reads as empty rather than failing every read.
boost::json::value parse_or_null(std::string_view json) {
  boost::system::error_code error;
  auto value = boost::json::parse(json, error);
  if (error) return nullptr;
  return value;
}

std::vector<std::string> strings_of(const boost::json::value* array) {
  std::vector<std::string> out;
  if (array == nullptr || !array->is_array()) return out;
  for (const auto& item : array->get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

}  // namespace

void write_options(JsonWriter& out, const std::vector<ProductOption>& options) {
  out.begin_array();
  for (const auto& option : options) {
    out.begin_object().key("name").string(option.name).key("values").begin_array();
    for (const auto& value : option.values) out.string(value);
    out.end_array().end_object();
  }
  out.end_array();
}

std::string options_to_json(const std::vector<ProductOption>& options) {
  JsonWriter out;
  write_options(out, options);
  return out.take();
}

std::vector<ProductOption> options_from_json(std::string_view json) {
  std::vector<ProductOption> options;
  const auto value = parse_or_null(json);
  if (!value.is_array()) return options;
  for (const auto& item : value.get_array()) {
    if (!item.is_object()) continue;
    const auto& object = item.get_object();
    const auto* name = object.if_contains("name");
    if (name == nullptr || !name->is_string()) continue;
    options.push_back({std::string(name->get_string()), strings_of(object.if_contains("values"))});
  }
  return options;
}

void write_option_values(JsonWriter& out, const OptionValues& values) {
  out.begin_object();
  for (const auto& [name, value] : values) out.key(name).string(value);
  out.end_object();
}

std::string option_values_to_json(const OptionValues& values) {
  JsonWriter out;
  write_option_values(out, values);
  return out.take();
}

OptionValues option_values_from_json(std::string_view json) {
  OptionValues values;
  const auto value = parse_or_null(json);
  if (!value.is_object()) return values;
  for (const auto& [name, item] : value.get_object()) {
    if (item.is_string()) values.emplace(std::string(name), std::string(item.get_string()));
  }
  return values;
}

std::string strings_to_json(const std::vector<std::string>& strings) {
  JsonWriter out;
  out.begin_array();
  for (const auto& text : strings) out.string(text);
  out.end_array();
  return out.take();
}

std::vector<std::string> strings_from_json(std::string_view json) {
  const auto value = parse_or_null(json);
  return strings_of(&value);
}

}  // namespace emporium::catalog
