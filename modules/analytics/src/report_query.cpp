#include "report_query.hpp"

#include <cstdio>

namespace emporium::analytics {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(long long y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

kernel::Problem invalid(std::string field, std::string message) {
  kernel::Problem problem = kernel::Problem::bad_request("invalid_query", message);
  problem.errors.push_back({std::move(field), std::move(message)});
  return problem;
}

}  // namespace

std::optional<Day> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<unsigned> {
    unsigned value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value;
  };
  auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || *y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) return std::nullopt;
  return Day{days_from_civil(*y, *m, *d)};
}

std::string format_day(Day day) {
  long long z = day.serial + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", y, m, d);
  return buffer;
}

std::optional<Interval> parse_interval(std::string_view text) {
  if (text == "day") return Interval::day;
  if (text == "week") return Interval::week;
  if (text == "month") return Interval::month;
  return std::nullopt;
}

const char* interval_name(Interval interval) {
  switch (interval) {
    case Interval::week: return "week";
    case Interval::month: return "month";
    case Interval::day: break;
  }
  return "day";
}

std::variant<ReportQuery, kernel::Problem> parse_report_query(std::optional<std::string_view> from,
                                                              std::optional<std::string_view> to,
                                                              std::optional<std::string_view> interval, Day today) {
  ReportQuery query;
  if (interval) {
    auto parsed = parse_interval(*interval);
    if (!parsed) return invalid("interval", "interval must be day, week or month.");
    query.interval = *parsed;
  }
  query.to = today;
  if (to) {
    auto parsed = parse_day(*to);
    if (!parsed) return invalid("to", "to must be a date as YYYY-MM-DD.");
    query.to = *parsed;
  }
  query.from = Day{query.to.serial - (kDefaultRangeDays - 1)};
  if (from) {
    auto parsed = parse_day(*from);
    if (!parsed) return invalid("from", "from must be a date as YYYY-MM-DD.");
    query.from = *parsed;
  }
  if (query.from > query.to) return invalid("from", "from must not be after to.");
  if (query.to.serial - query.from.serial + 1 > kMaxRangeDays) {
    return invalid("to", "a report covers at most " + std::to_string(kMaxRangeDays) + " days.");
  }
  return query;
}

}  // namespace emporium::analytics
