#include "emporium/kernel/money.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace emporium::kernel {
namespace {

// ISO 4217 currencies whose minor unit is a hundredth.
constexpr std::array<std::string_view, 42> kCurrencies = {
    "AED", "ARS", "AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "COP", "CZK", "DKK", "EGP", "EUR", "GBP",
    "HKD", "HUF", "IDR", "ILS", "INR", "MAD", "MXN", "MYR", "NGN", "NOK", "NZD", "PEN", "PHP", "PKR",
    "PLN", "QAR", "RON", "RSD", "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "UAH", "USD", "ZAR", "KES"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_supported_currency(std::string_view code) {
  return std::find(kCurrencies.begin(), kCurrencies.end(), code) != kCurrencies.end();
}

std::string format_amount(std::int64_t minor) {
  std::string text = std::to_string(minor / 100);
  const std::int64_t cents = minor % 100;
  if (cents == 0) return text;
  text += '.';
  text += static_cast<char>('0' + cents / 10);
  if (cents % 10 != 0) text += static_cast<char>('0' + cents % 10);
  return text;
}

std::optional<std::int64_t> parse_amount(std::string_view text) {
  // digits [. digits] [(e|E) [+|-] digits], read as an exact decimal.
  std::string digits;
  std::size_t at = 0;
  int fraction_digits = 0;
  while (at < text.size() && is_digit(text[at])) digits += text[at++];
  if (at < text.size() && text[at] == '.') {
    ++at;
    const std::size_t start = at;
    while (at < text.size() && is_digit(text[at])) digits += text[at++];
    fraction_digits = static_cast<int>(at - start);
    if (fraction_digits == 0) return std::nullopt;
  }
  if (digits.empty()) return std::nullopt;
  int exponent = 0;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    bool negative = false;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) negative = text[at++] == '-';
    const char* begin = text.data() + at;
    const char* end = text.data() + text.size();
    auto [stop, ec] = std::from_chars(begin, end, exponent);
    if (ec != std::errc() || stop != end || exponent > 40) return std::nullopt;
    at = text.size();
    if (negative) exponent = -exponent;
  }
  if (at != text.size()) return std::nullopt;
  // value = digits * 10^(exponent - fraction_digits); in minor units: shift + 2.
  int shift = exponent - fraction_digits + 2;
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.empty()) return 0;
  while (shift < 0) {
    if (digits.back() != '0') return std::nullopt;  // more than two decimals
    digits.pop_back();
    ++shift;
    if (digits.empty()) return 0;
  }
  if (digits.size() + static_cast<std::size_t>(shift) > 12) return std::nullopt;
  digits.append(static_cast<std::size_t>(shift), '0');
  std::int64_t minor = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), minor);
  if (minor > kMaxAmountMinor) return std::nullopt;
  return minor;
}

std::optional<std::int64_t> amount_from_json(const boost::json::value& value) {
  if (value.is_int64()) {
    const auto whole = value.get_int64();
    if (whole < 0 || whole > kMaxAmountMinor / 100) return std::nullopt;
    return whole * 100;
  }
  if (value.is_uint64()) {
    const auto whole = value.get_uint64();
    if (whole > static_cast<std::uint64_t>(kMaxAmountMinor / 100)) return std::nullopt;
    return static_cast<std::int64_t>(whole) * 100;
  }
  // The shortest text that reads back as this double is what the client
  // wrote (for any amount of up to 15 significant digits).
  if (value.is_double()) return parse_amount(boost::json::serialize(value));
  return std::nullopt;
}

boost::json::value amount_json(std::int64_t minor) {
  if (minor % 100 == 0) return minor / 100;
  return static_cast<double>(minor) / 100.0;
}

}  // namespace emporium::kernel
