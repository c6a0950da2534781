// Reading request bodies into the module's values.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <algorithm>

#include "user/src/request_fields.hpp"

using namespace emporium;
using namespace emporium::user;

namespace {

kernel::JsonBody body_of(const char* json) { return kernel::JsonBody(boost::json::parse(json).as_object()); }

std::vector<std::string> error_fields(kernel::JsonBody& body) {
  std::vector<std::string> fields;
  if (auto problem = body.finish()) {
    for (const auto& error : problem->errors) fields.push_back(error.field);
  }
  return fields;
}

}  // namespace

TEST_CASE("profile changes: an absent phone is left alone, null and empty clear it") {
  auto absent = body_of(R"({"name": "Ann"})");
  auto changes = read_profile_changes(absent);
  CHECK(changes.name == "Ann");
  CHECK_FALSE(changes.phone);
  CHECK(error_fields(absent).empty());
  for (const char* json : {R"({"phone": null})", R"({"phone": ""})"}) {
    auto body = body_of(json);
    changes = read_profile_changes(body);
    CHECK_MESSAGE(changes.phone == "", json);
    CHECK_FALSE(changes.name);
    CHECK(error_fields(body).empty());
  }
}

TEST_CASE("profile changes: bad values and other fields are field errors") {
  auto body = body_of(R"({"name": " ", "phone": "call me", "role": "admin", "email": "x@y.z"})");
  auto changes = read_profile_changes(body);
  CHECK_FALSE(changes.phone);
  CHECK_FALSE(changes.name);
  auto fields = error_fields(body);
  std::sort(fields.begin(), fields.end());
  CHECK(fields == std::vector<std::string>{"email", "name", "phone", "role"});
}

TEST_CASE("admin changes take any subset of name, role and disabled") {
  auto body = body_of(R"({"role": "seller", "disabled": true})");
  auto changes = read_admin_changes(body);
  CHECK(changes.role == kernel::Role::seller);
  CHECK(changes.disabled == true);
  CHECK_FALSE(changes.name);
  CHECK(error_fields(body).empty());
  auto bad = body_of(R"({"role": "root", "disabled": "no"})");
  read_admin_changes(bad);
  CHECK(error_fields(bad) == std::vector<std::string>{"disabled", "role"});
}

TEST_CASE("address: a complete address is read with its country upper-cased") {
  auto body = body_of(R"({"name": "Ann", "line1": "Main 1", "city": "Oslo", "country": "no", "line2": null})");
  auto address = read_address(body);
  REQUIRE(address);
  CHECK(address->country == "NO");
  CHECK(address->line2.empty());
  CHECK(error_fields(body).empty());
}

TEST_CASE("address: missing fields are required, sent fields are judged, unknown ones refused") {
  auto body = body_of(R"({"name": "Ann", "country": "ZZ", "zip": "1"})");
  CHECK_FALSE(read_address(body));
  auto fields = error_fields(body);
  std::sort(fields.begin(), fields.end());
  CHECK(fields == std::vector<std::string>{"city", "country", "line1", "zip"});
}

TEST_CASE("new account fields follow the account rules") {
  auto body = body_of(R"({"email": "nope", "password": "short", "name": ""})");
  CHECK_FALSE(read_new_email(body));
  CHECK_FALSE(read_new_password(body));
  CHECK_FALSE(read_name(body, true));
  CHECK(error_fields(body) == std::vector<std::string>{"email", "password", "name"});
  auto good = body_of(R"({"email": "a@b.co", "password": "long enough!", "name": "Ann"})");
  CHECK(read_new_email(good) == "a@b.co");
  CHECK(read_new_password(good) == "long enough!");
  CHECK(read_name(good, true) == "Ann");
  CHECK(error_fields(good).empty());
}
