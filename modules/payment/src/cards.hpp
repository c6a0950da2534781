#pragma once
// Card rules that need no processor: the Luhn check, the brand from the
// number's prefix, and the last four digits kept instead of the number.
#include <string>
#include <string_view>

namespace emporium::payment {

// The digits of a number typed with spaces or dashes; empty when anything
// else is in it.
std::string card_digits(std::string_view number);
bool luhn_valid(std::string_view digits);
// visa, mastercard, amex, discover, diners, jcb, unionpay, or "unknown".
std::string card_brand(std::string_view digits);
std::string card_last4(std::string_view digits);

}  // namespace emporium::payment
