#include "tracking_number.hpp"

#include <algorithm>
#include <stdexcept>

namespace emporium::shipping {
namespace {

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

char luhn_check_digit(std::string_view digits) {
  int sum = 0;
  bool doubled = true;  // the rightmost payload digit is doubled, as the check digit will follow it
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (doubled) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    doubled = !doubled;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string tracking_number_from(std::string_view twelve_digits) {
  if (twelve_digits.size() != 12 || !all_digits(twelve_digits)) {
    throw std::invalid_argument("a tracking number needs 12 digits");
  }
  std::string out = "EP";
  out.append(twelve_digits);
  out.push_back(luhn_check_digit(twelve_digits));
  return out;
}

bool is_valid_tracking_number(std::string_view number) {
  if (number.size() != 15 || number.substr(0, 2) != "EP") return false;
  auto digits = number.substr(2, 12);
  return all_digits(number.substr(2)) && luhn_check_digit(digits) == number.back();
}

}  // namespace emporium::shipping
