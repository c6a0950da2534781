// Address validation.
#include <doctest/doctest.h>

#include "user/src/address_rules.hpp"

using namespace emporium::user;

namespace {

AddressFields berlin() { return {"Ann Lee", "Unter den Linden 1", "", "Berlin", "", "10117", "DE"}; }

std::vector<std::string> fields_of(const std::vector<emporium::kernel::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& error : errors) out.push_back(error.field);
  return out;
}

}  // namespace

TEST_CASE("address with the required fields and a real country is valid") {
  CHECK(address_errors(berlin()).empty());
  auto full = berlin();
  full.line2 = "Hinterhaus";
  full.region = "Berlin";
  CHECK(address_errors(full).empty());
}

TEST_CASE("address country is normalised to upper case before it is checked") {
  auto fields = berlin();
  fields.country = "de";
  CHECK(normalize_address(fields).country == "DE");
  CHECK(address_errors(normalize_address(fields)).empty());
  CHECK(fields_of(address_errors(fields)) == std::vector<std::string>{"country"});
}

TEST_CASE("address refuses unknown countries and blank required fields, naming each field") {
  AddressFields bad{" ", "", "", "", "", "", "XX"};
  CHECK(fields_of(address_errors(bad)) == std::vector<std::string>{"name", "line1", "city", "country"});
  bad = berlin();
  bad.country = "DEU";
  CHECK(fields_of(address_errors(bad)) == std::vector<std::string>{"country"});
}

TEST_CASE("address postal code allows letters, digits, spaces and dashes up to 16 characters") {
  auto fields = berlin();
  for (const char* code : {"SW1A 1AA", "10117", "1234-567", ""}) {
    fields.postal_code = code;
    CHECK_MESSAGE(address_errors(fields).empty(), code);
  }
  for (const char* code : {"10117;DROP", "12345678901234567", "<b>"}) {
    fields.postal_code = code;
    CHECK_MESSAGE(fields_of(address_errors(fields)) == std::vector<std::string>{"postal_code"}, code);
  }
}

TEST_CASE("address lines are limited to 200 characters") {
  auto fields = berlin();
  fields.line2 = std::string(201, 'x');
  CHECK(fields_of(address_errors(fields)) == std::vector<std::string>{"line2"});
}
