#pragma once
// Tracking numbers of the built-in carrier: "EP", 12 digits and a Luhn check
// digit over those 12 ("EP" + 13 digits), so a mistyped digit is caught
// before any lookup. Pure; the digits come from the caller.
#include <string>
#include <string_view>

namespace emporium::shipping {

// The Luhn check digit of a string of decimal digits.
char luhn_check_digit(std::string_view digits);

// "EP" + twelve_digits + check digit. `twelve_digits` must be 12 decimal digits.
std::string tracking_number_from(std::string_view twelve_digits);

bool is_valid_tracking_number(std::string_view number);

}  // namespace emporium::shipping
