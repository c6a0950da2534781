#include "address_rules.hpp"

#include <algorithm>
#include <cctype>

#include "account_rules.hpp"
#include "country_codes.hpp"

namespace emporium::user {
namespace {

constexpr std::size_t kLineMaxLength = 200;
constexpr std::size_t kCityMaxLength = 100;
constexpr std::size_t kRegionMaxLength = 100;
constexpr std::size_t kPostalCodeMaxLength = 16;

std::optional<std::string> postal_code_error(std::string_view code) {
  if (code.size() > kPostalCodeMaxLength) return "must be at most " + std::to_string(kPostalCodeMaxLength) + " characters";
  bool allowed = std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) || c == ' ' || c == '-'; });
  if (!allowed) return "may contain only letters, digits, spaces and dashes";
  return std::nullopt;
}

}  // namespace

AddressFields normalize_address(AddressFields fields) {
  std::transform(fields.country.begin(), fields.country.end(), fields.country.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return fields;
}

std::vector<kernel::FieldError> address_errors(const AddressFields& fields) {
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

}  // namespace emporium::user
