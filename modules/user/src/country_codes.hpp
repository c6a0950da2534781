#pragma once
// ISO 3166-1 alpha-2 country codes: the officially assigned ones, no user-
// assigned or reserved codes (so no "XK", "EU" or "UK").
#include <span>
#include <string_view>

namespace emporium::user {

// Upper-case two-letter codes only; "us" is not a code, the caller upper-cases.
bool is_country_code(std::string_view code);

// All assigned codes, sorted.
std::span<const std::string_view> country_codes();

}  // namespace emporium::user
