#pragma once
// Money everywhere: integer minor units of a currency whose minor unit
// is a hundredth (the contract's JSON amounts have at most two decimals, so
// zero- and three-decimal currencies such as JPY and KWD are not offered).
// No floating point in any calculation: a JSON number is read back from its
// shortest decimal text.
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emporium::kernel {

// 999,999,999.99: large enough for any price, far from overflow.
inline constexpr std::int64_t kMaxAmountMinor = 99'999'999'999;

bool is_supported_currency(std::string_view code);

// 1999 -> "19.99", 1990 -> "19.9", 2000 -> "20", 5 -> "0.05".
std::string format_amount(std::int64_t minor);

// A non-negative decimal with at most two decimals ("19.99", "20", "1.999E1")
// in minor units, or nullopt (negative, more decimals, too large, not a number).
std::optional<std::int64_t> parse_amount(std::string_view text);

// The same for a JSON number value; nullopt for any other kind of value.
std::optional<std::int64_t> amount_from_json(const boost::json::value& value);

// A money amount as a JSON number (1999 -> 19.99). json_response writes
// numbers in their shortest form, so it reads "19.99" on the wire.
boost::json::value amount_json(std::int64_t minor);

}  // namespace emporium::kernel
