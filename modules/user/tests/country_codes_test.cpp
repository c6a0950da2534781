// ISO 3166-1 alpha-2 country codes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "user/src/country_codes.hpp"

using namespace emporium::user;

TEST_CASE("country codes are the 249 assigned codes, sorted and unique") {
  auto codes = country_codes();
  CHECK(codes.size() == 249);
  CHECK(std::is_sorted(codes.begin(), codes.end()));
  CHECK(std::set<std::string_view>(codes.begin(), codes.end()).size() == codes.size());
  CHECK(std::all_of(codes.begin(), codes.end(), [](std::string_view c) {
    return c.size() == 2 && std::isupper(static_cast<unsigned char>(c[0])) && std::isupper(static_cast<unsigned char>(c[1]));
  }));
}

TEST_CASE("country codes know real countries and refuse the rest") {
  for (const char* code : {"US", "DE", "GB", "FR", "JP", "BR", "ZA", "AX", "SS", "CW"}) CHECK_MESSAGE(is_country_code(code), code);
  for (const char* code : {"UK", "XK", "EU", "ZZ", "us", "USA", "U", "", "D E"}) CHECK_MESSAGE(!is_country_code(code), code);
}
