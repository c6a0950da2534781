#include "address_rules.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "account_rules.hpp"
#include "country_codes.hpp"

namespace emporium::user {
namespace {

constexpr std::size_t kLineMaxLength = 200;
constexpr std::size_t kCityMaxLength = 100;
constexpr std::size_t kRegionMaxLength = 100;
constexpr std::size_t kPostalCodeMaxLength = 16;
// Long enough for any real value; longer input gets a length error.
constexpr std::size_t kAddressFieldMaxBytes = 1024;

std::optional<std::string> postal_code_error(std::string_view code) {
  if (code.size() > kPostalCodeMaxLength) return "must be at most " + std::to_string(kPostalCodeMaxLength) + " characters";
  bool allowed = std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) || c == ' ' || c == '-'; });
  if (!allowed) return "may contain only letters, digits, spaces and dashes";
  return std::nullopt;
}

}  // namespace

PostalAddress normalize_address(PostalAddress fields) {
  std::transform(fields.country.begin(), fields.country.end(), fields.country.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return fields;
}

std::vector<kernel::FieldError> address_errors(const PostalAddress& fields) {
  std::vector<kernel::FieldError> errors;
  auto check = [&](const char* field, std::optional<std::string> message) {
    if (message) errors.push_back({field, std::move(*message)});
  };
  check("name", name_error(fields.name));
  check("line1", text_error(fields.line1, kLineMaxLength, false));
  check("line2", text_error(fields.line2, kLineMaxLength, true));
  check("city", text_error(fields.city, kCityMaxLength, false));
  check("region", text_error(fields.region, kRegionMaxLength, true));
  check("postal_code", postal_code_error(fields.postal_code));
  if (!is_country_code(fields.country)) errors.push_back({"country", "must be an ISO 3166-1 alpha-2 country code"});
  return errors;
}

std::optional<PostalAddress> read_address(kernel::JsonBody& body) {
  PostalAddress fields;
  struct Field {
    const char* name;
    bool required;
    std::string* target;
    bool present = false;
  };
  Field read[] = {{"name", true, &fields.name},          {"line1", true, &fields.line1},
                  {"line2", false, &fields.line2},       {"city", true, &fields.city},
                  {"region", false, &fields.region},     {"postal_code", false, &fields.postal_code},
                  {"country", true, &fields.country}};
  bool complete = true;
  for (auto& field : read) {
    auto value = body.string(field.name, {field.required, 0, kAddressFieldMaxBytes});
    field.present = value.has_value();
    if (value) *field.target = std::move(*value);
    else if (field.required) complete = false;
  }
  fields = normalize_address(std::move(fields));
  // Only fields that were sent are judged: a missing one already has its
  // "is required" error.
  bool valid = true;
  for (auto& error : address_errors(fields)) {
    auto sent = std::find_if(std::begin(read), std::end(read), [&](const Field& f) { return error.field == f.name; });
    if (sent != std::end(read) && sent->present) {
      body.add_error(std::move(error.field), std::move(error.message));
      valid = false;
    }
  }
  if (!complete || !valid) return std::nullopt;
  return fields;
}

std::optional<PostalAddress> read_address_field(kernel::JsonBody& body, std::string_view field, bool required) {
  const auto* value = body.value(field, required);
  if (!value) return std::nullopt;
  if (!value->is_object()) {
    body.add_error(std::string(field), "must be an address object");
    return std::nullopt;
  }
  kernel::JsonBody nested(value->as_object());
  auto address = read_address(nested);
  if (auto problem = nested.finish()) {
    for (auto& error : problem->errors) body.add_error(std::string(field) + "." + error.field, error.message);
    return std::nullopt;
  }
  return address;
}

namespace {

boost::json::value optional_text(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::string(text);
}

std::string text_of(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

}  // namespace

boost::json::object postal_address_json(const PostalAddress& a) {
  return {{"name", a.name},
          {"line1", a.line1},
          {"line2", optional_text(a.line2)},
          {"city", a.city},
          {"region", optional_text(a.region)},
          {"postal_code", optional_text(a.postal_code)},
          {"country", a.country}};
}

PostalAddress postal_address_from_json(const boost::json::object& o) {
  return {text_of(o, "name"),   text_of(o, "line1"),       text_of(o, "line2"), text_of(o, "city"),
          text_of(o, "region"), text_of(o, "postal_code"), text_of(o, "country")};
}

}  // namespace emporium::user
