#pragma once
// A sales report's query string, parsed and validated without I/O: the
// range of shop-local days (inclusive) and the bucket size of the series.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "emporium/kernel/problem.hpp"

namespace emporium::analytics {

enum class Interval { day, week, month };

// A calendar day, counted as days since 1970-01-01 (proleptic Gregorian).
struct Day {
  long long serial = 0;
  friend bool operator==(Day, Day) = default;
  friend auto operator<=>(Day, Day) = default;
};

// "2026-02-28" -> its day; nullopt for anything else (no such date, other forms).
std::optional<Day> parse_day(std::string_view text);
std::string format_day(Day day);
std::optional<Interval> parse_interval(std::string_view text);
// "day", "week" or "month": PostgreSQL's date_trunc field too.
const char* interval_name(Interval interval);

struct ReportQuery {
  Day from;
  Day to;
  Interval interval = Interval::day;
};

inline constexpr long long kDefaultRangeDays = 30;
// Longest range a report covers, so a series stays a sensible size.
inline constexpr long long kMaxRangeDays = 3660;

// `from`, `to` (YYYY-MM-DD, shop-local days, inclusive) and `interval`
// (day|week|month, default day). Missing `to` is `today`; missing `from` is
// 30 days ending at `to`. 400 invalid_query for a bad value, from > to or a
// range over kMaxRangeDays.
std::variant<ReportQuery, kernel::Problem> parse_report_query(std::optional<std::string_view> from,
                                                              std::optional<std::string_view> to,
                                                              std::optional<std::string_view> interval, Day today);

}  // namespace emporium::analytics
