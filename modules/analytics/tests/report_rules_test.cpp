// Report query parsing, date arithmetic and how refunds are shared among products.
#include <doctest/doctest.h>

#include "analytics/src/refund_split.hpp"
#include "analytics/src/report_query.hpp"
#include "analytics/src/view_counter.hpp"

using namespace emporium::analytics;

namespace {

Day day(const char* text) { return parse_day(text).value(); }

ReportQuery ok(std::variant<ReportQuery, emporium::kernel::Problem> parsed) {
  REQUIRE(std::holds_alternative<ReportQuery>(parsed));
  return std::get<ReportQuery>(parsed);
}

std::string code_of(std::variant<ReportQuery, emporium::kernel::Problem> parsed) {
  REQUIRE(std::holds_alternative<emporium::kernel::Problem>(parsed));
  const auto& problem = std::get<emporium::kernel::Problem>(parsed);
  CHECK(problem.status == 400);
  return problem.code;
}

}  // namespace

TEST_CASE("report days: real calendar dates only, and they round-trip") {
  CHECK(day("1970-01-01").serial == 0);
  CHECK(day("2024-02-29").serial - day("2024-02-28").serial == 1);
  CHECK(format_day(day("2024-02-29")) == "2024-02-29");
  CHECK(format_day(Day{day("2026-12-31").serial + 1}) == "2027-01-01");
  CHECK_FALSE(parse_day("2023-02-29"));
  CHECK_FALSE(parse_day("2026-13-01"));
  CHECK_FALSE(parse_day("2026-1-01"));
  CHECK_FALSE(parse_day("2026-01-01T00:00:00Z"));
  CHECK_FALSE(parse_day("yesterday"));
  CHECK_FALSE(parse_day(""));
}

TEST_CASE("report query: defaults to the 30 days ending today, by day") {
  auto q = ok(parse_report_query(std::nullopt, std::nullopt, std::nullopt, day("2026-11-21")));
  CHECK(format_day(q.from) == "2026-10-23");
  CHECK(format_day(q.to) == "2026-11-21");
  CHECK(q.interval == Interval::day);
  auto only_to = ok(parse_report_query(std::nullopt, "2026-03-30", "month", day("2026-11-21")));
  CHECK(format_day(only_to.from) == "2026-03-01");
  CHECK(only_to.interval == Interval::month);
  auto one_day = ok(parse_report_query("2026-11-01", "2026-11-01", "week", day("2026-11-21")));
  CHECK(one_day.from == one_day.to);
}

TEST_CASE("report query: a bad date or interval, from after to, or a huge range is 400 invalid_query") {
  const Day today = day("2026-11-21");
  CHECK(code_of(parse_report_query("2026-02-30", std::nullopt, std::nullopt, today)) == "invalid_query");
  CHECK(code_of(parse_report_query(std::nullopt, "21/11/2026", std::nullopt, today)) == "invalid_query");
  CHECK(code_of(parse_report_query(std::nullopt, std::nullopt, "year", today)) == "invalid_query");
  CHECK(code_of(parse_report_query(std::nullopt, std::nullopt, "", today)) == "invalid_query");
  CHECK(code_of(parse_report_query("2026-11-02", "2026-11-01", std::nullopt, today)) == "invalid_query");
  CHECK(code_of(parse_report_query("2000-01-01", "2026-11-01", std::nullopt, today)) == "invalid_query");
}

TEST_CASE("refund split: largest remainder, parts sum to the amount exactly, leftovers to the largest remainders") {
  CHECK(split_by_weight(100, {1, 1, 1}) == std::vector<std::int64_t>{34, 33, 33});
  CHECK(split_by_weight(1000, {2000, 1000, 1000}) == std::vector<std::int64_t>{500, 250, 250});
  // 7 * 1/6 = 1.17, 7 * 2/6 = 2.33, 7 * 3/6 = 3.5: floors 1+2+3 = 6, the unit goes to the .5.
  CHECK(split_by_weight(7, {100, 200, 300}) == std::vector<std::int64_t>{1, 2, 4});
  CHECK(split_by_weight(0, {5, 5}) == std::vector<std::int64_t>{0, 0});
  CHECK(split_by_weight(3, {0, 0}) == std::vector<std::int64_t>{2, 1});
  CHECK(split_by_weight(5, {}).empty());
  auto big = split_by_weight(99'999'999'999, {99'999'999'999, 1});
  CHECK(big[0] + big[1] == 99'999'999'999);
}

TEST_CASE("refund product share: merchandise first, shipping and tax beyond the subtotal are not product revenue") {
  // subtotal 1990, total 2490 (500 shipping).
  CHECK(product_share_of_refund(500, 500, 1990) == 500);
  CHECK(product_share_of_refund(2490, 2490, 1990) == 1990);
  // Two partial refunds: 1500 then 990; together they take the whole subtotal.
  CHECK(product_share_of_refund(1500, 1500, 1990) == 1500);
  CHECK(product_share_of_refund(990, 2490, 1990) == 490);
  // Only shipping left to refund.
  CHECK(product_share_of_refund(300, 2290, 1990) == 0);
}

TEST_CASE("view counter: counts per product and 15-minute slot, hands everything over once, takes a failed batch back") {
  ViewCounter counter;
  counter.count("p1", 1'800'000'000);
  counter.count("p1", 1'800'000'001);
  counter.count("p2", 1'800'000'000);
  counter.count("p1", 1'800'000'000 + 900);
  auto batch = counter.take();
  CHECK(batch.size() == 3);
  std::int64_t p1_first_slot = 0;
  for (const auto& c : batch) {
    CHECK(c.slot_start % ViewCounter::kSlotSeconds == 0);
    if (c.product_id == "p1" && c.slot_start == 1'800'000'000 - 1'800'000'000 % 900) p1_first_slot = c.views;
  }
  CHECK(p1_first_slot == 2);
  CHECK(counter.take().empty());
  counter.give_back(batch);
  counter.count("p2", 1'800'000'000);
  std::int64_t total = 0;
  for (const auto& c : counter.take()) total += c.views;
  CHECK(total == 5);
}
