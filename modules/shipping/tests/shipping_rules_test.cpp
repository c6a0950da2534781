// Pure rules of the shipping module: Code 128 B, tracking number check
// digits, rate table validation and rate selection.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "shipping/src/code128.hpp"
#include "shipping/src/emporium_post.hpp"
#include "shipping/src/label_pdf.hpp"
#include "shipping/src/rate_selection.hpp"
#include "shipping/src/rates_cache.hpp"
#include "shipping/src/rate_table.hpp"
#include "shipping/src/tracking_number.hpp"

using namespace emporium;
using namespace emporium::shipping;

namespace {

const std::vector<std::string> kCarriers{"emporium-post"};

RateTable table_from(const std::string& text) {
  auto parsed = parse_rate_table(boost::json::parse(text).as_object(), kCarriers);
  if (!parsed.table) FAIL("invalid table: " << parsed.errors.front().field << " " << parsed.errors.front().message);
  return *parsed.table;
}

std::vector<kernel::FieldError> errors_of(const std::string& text) {
  return parse_rate_table(boost::json::parse(text).as_object(), kCarriers).errors;
}

bool has_error(const std::vector<kernel::FieldError>& errors, const std::string& field) {
  for (const auto& error : errors) {
    if (error.field == field) return true;
  }
  return false;
}

const char* kTable = R"({
  "currency": "USD",
  "free_shipping_thresholds": {"USD": 50},
  "zones": [
    {"id": "us", "name": "United States", "countries": ["US"], "services": [
      {"service": "standard", "name": "Standard", "carrier": "emporium-post", "estimated_days": 5,
       "brackets": [{"max_weight_grams": 500, "price": 5}, {"max_weight_grams": 2000, "price": 8.5}]},
      {"service": "express", "name": "Express", "carrier": "emporium-post", "estimated_days": 2, "flat_price": 20}]},
    {"id": "eu", "name": "EU", "countries": ["DE", "FR"], "services": [
      {"service": "standard", "name": "Standard", "carrier": "emporium-post", "estimated_days": 8,
       "brackets": [{"max_weight_grams": 1000, "price": 12}]}]},
    {"id": "world", "name": "Rest of the world", "countries": ["*"], "services": [
      {"service": "express", "name": "Express", "carrier": "emporium-post", "estimated_days": 6, "flat_price": 79.99}]}
  ]})";

Carriers built_in() {
  Carriers carriers;
  carriers.add(std::make_shared<EmporiumPost>());
  return carriers;
}

}  // namespace

TEST_CASE("code 128 B of PJJ123C has the checksum 55 between start B and stop") {
  auto symbols = code128b_symbols("PJJ123C");
  REQUIRE(symbols);
  // 104 + 48*1 + 42*2 + 42*3 + 17*4 + 18*5 + 19*6 + 35*7 = 879 = 8*103 + 55
  CHECK(*symbols == std::vector<int>{104, 48, 42, 42, 17, 18, 19, 35, 55, 106});
}

TEST_CASE("code 128 draws start B, each symbol in 11 modules and the 13-module stop") {
  auto symbols = code128b_symbols("A");
  REQUIRE(symbols);
  // 'A' = 33; checksum (104 + 33) % 103 = 34.
  CHECK(*symbols == std::vector<int>{104, 33, 34, 106});
  CHECK(code128_modules(*symbols) == "11010010000" "10100011000" "10001011000" "1100011101011");
  auto tracking = code128b_symbols("EP1234567890128");
  REQUIRE(tracking);
  CHECK(code128_modules(*tracking).size() == (tracking->size() - 1) * 11 + 13);
}

TEST_CASE("code 128 B refuses empty text and characters outside printable ASCII") {
  CHECK_FALSE(code128b_symbols(""));
  CHECK_FALSE(code128b_symbols("caf\xc3\xa9"));
  CHECK_FALSE(code128b_symbols("a\tb"));
}

TEST_CASE("the tracking number's check digit is Luhn over its 12 digits") {
  CHECK(luhn_check_digit("7992739871") == '3');  // the textbook example
  auto number = tracking_number_from("123456789012");
  CHECK(number == "EP1234567890128");
  CHECK(is_valid_tracking_number(number));
  CHECK_FALSE(is_valid_tracking_number("EP1234567890127"));  // wrong check digit
  CHECK_FALSE(is_valid_tracking_number("EP1234567890218"));  // swapped digits
  CHECK_FALSE(is_valid_tracking_number("XX1234567890128"));
  CHECK_FALSE(is_valid_tracking_number("EP123456789012"));
}

TEST_CASE("the built-in carrier's tracking numbers are valid and differ") {
  EmporiumPost post;
  auto first = post.create_shipment({});
  auto second = post.create_shipment({});
  CHECK(is_valid_tracking_number(first));
  CHECK(is_valid_tracking_number(second));
  CHECK(first != second);
}

TEST_CASE("a weight takes the first bracket that holds it; above them all the service is not offered") {
  auto table = table_from(kTable);
  const auto& standard = table.zones[0].services[0];
  CHECK(table_price(standard, 0) == 500);
  CHECK(table_price(standard, 500) == 500);
  CHECK(table_price(standard, 501) == 850);
  CHECK(table_price(standard, 2000) == 850);
  CHECK_FALSE(table_price(standard, 2001));
  CHECK(table_price(table.zones[0].services[1], 1'000'000) == 2000);  // flat
}

TEST_CASE("a country takes its own zone, else the rest of the world") {
  auto table = table_from(kTable);
  CHECK(zone_for(table, "US")->id == "us");
  CHECK(zone_for(table, "FR")->id == "eu");
  CHECK(zone_for(table, "JP")->id == "world");
  table.zones.pop_back();
  CHECK(zone_for(table, "JP") == nullptr);
}

TEST_CASE("options come cheapest first with ids zone:service") {
  auto table = table_from(kTable);
  auto carriers = built_in();
  auto options = quote_options(table, {"US", 600, 1000, "USD"}, carriers);
  REQUIRE(options);
  REQUIRE(options->size() == 2);
  CHECK(options->at(0).id == "us:standard");
  CHECK(options->at(0).price_minor == 850);
  CHECK(options->at(0).estimated_days == 5);
  CHECK(options->at(0).carrier == "emporium-post");
  CHECK(options->at(1).id == "us:express");
  CHECK(options->at(1).price_minor == 2000);
  CHECK(options->at(1).currency == "USD");
}

TEST_CASE("a subtotal at the threshold makes standard free, just below it does not") {
  auto table = table_from(kTable);
  auto carriers = built_in();
  auto at = quote_options(table, {"US", 100, 5000, "USD"}, carriers);
  REQUIRE(at);
  CHECK(at->at(0).id == "us:standard");
  CHECK(at->at(0).price_minor == 0);
  CHECK(at->at(1).price_minor == 2000);  // express still costs
  auto below = quote_options(table, {"US", 100, 4999, "USD"}, carriers);
  REQUIRE(below);
  CHECK(below->at(0).price_minor == 500);
}

TEST_CASE("no zone, another currency or too heavy a parcel is shipping_unavailable") {
  auto table = table_from(kTable);
  auto carriers = built_in();
  CHECK(quote_options(table, {"FR", 1500, 0, "USD"}, carriers).error().code == "shipping_unavailable");
  CHECK(quote_options(table, {"US", 100, 0, "EUR"}, carriers).error().code == "shipping_unavailable");
  table.zones.pop_back();
  CHECK(quote_options(table, {"JP", 100, 0, "USD"}, carriers).error().code == "shipping_unavailable");
}

TEST_CASE("pick_option prices a quoted option and refuses one that does not ship the parcel") {
  auto table = table_from(kTable);
  auto carriers = built_in();
  auto express = pick_option(table, {"US", 100, 0, "USD"}, carriers, "us:express");
  REQUIRE(express);
  CHECK(express->price_minor == 2000);
  CHECK(pick_option(table, {"US", 100, 0, "USD"}, carriers, "eu:standard").error().code == "invalid_shipping_option");
}

TEST_CASE("the rate table's JSON reads back as the same table") {
  auto table = table_from(kTable);
  auto again = parse_rate_table(rate_table_json(table, false), kCarriers);
  REQUIRE(again.table);
  CHECK(rate_table_json(*again.table) == rate_table_json(table));
  CHECK(rate_table_json(table).at("zones").as_array()[2].at("services").as_array()[0].at("flat_price").as_double() ==
        doctest::Approx(79.99));
}

TEST_CASE("an invalid rate table names every bad field") {
  auto errors = errors_of(R"({
    "currency": "XXX", "colour": 1,
    "zones": [
      {"id": "us", "name": "US", "countries": ["US"], "services": [
        {"service": "standard", "name": "S", "carrier": "emporium-post", "estimated_days": 3,
         "brackets": [{"max_weight_grams": 500, "price": 5}, {"max_weight_grams": 400, "price": 6}]}]},
      {"id": "us", "name": "Other", "countries": ["us", "US", "*"], "services": [
        {"service": "express", "name": "E", "carrier": "pigeon", "estimated_days": 0, "flat_price": 1.999,
         "brackets": []},
        {"service": "slow", "name": "Slow", "carrier": "emporium-post", "estimated_days": 9}]}
    ]})");
  CHECK(has_error(errors, "currency"));
  CHECK(has_error(errors, "colour"));
  CHECK(has_error(errors, "zones[0].services[0].brackets[1].max_weight_grams"));
  CHECK(has_error(errors, "zones[1].id"));
  CHECK(has_error(errors, "zones[1].countries[0]"));
  CHECK(has_error(errors, "zones[1].countries[1]"));
  CHECK(has_error(errors, "zones[1].countries[2]"));
  CHECK(has_error(errors, "zones[1].services[0].carrier"));
  CHECK(has_error(errors, "zones[1].services[0].estimated_days"));
  CHECK(has_error(errors, "zones[1].services[0].flat_price"));
  CHECK(has_error(errors, "zones[1].services[1].flat_price"));
  CHECK(errors_of(R"({"currency": "USD", "zones": []})").at(0).field == "zones");
  CHECK(errors_of(kTable).empty());
}

TEST_CASE("label text keeps Latin-1 letters and replaces the rest; weights read as people write them") {
  CHECK(to_win_ansi("M\xc3\xbcnchen") == "M\xfcnchen");
  CHECK(to_win_ansi("\xe6\x9d\xb1\xe4\xba\xac") == "??");
  CHECK(format_weight(850) == "850 g");
  CHECK(format_weight(1000) == "1 kg");
  CHECK(format_weight(1250) == "1.25 kg");
  CHECK(format_weight(12005) == "12.005 kg");
}

TEST_CASE("a label is a PDF with the tracking number in its uncompressed page") {
  LabelData label{"shp_1", "ord_1", "EP1234567890128", "emporium-post", "Express", 1250,
                  {"Emporium", "1 Main St", "", "Springfield", "", "12345", "US"},
                  {"Ada Lovelace", "12 Rue de la Paix", "", "Paris", "", "75002", "FR"},
                  "2026-01-02T03:04:05Z"};
  auto pdf = render_label_pdf(label, false);
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(pdf.find("(EP1234567890128) Tj") != std::string::npos);
  CHECK(pdf.find("(Ada Lovelace) Tj") != std::string::npos);
  CHECK(pdf.find(" re\n") != std::string::npos);  // the barcode's bars
  auto compressed = render_label_pdf(label, true);
  CHECK(compressed.rfind("%PDF-", 0) == 0);
  CHECK(compressed.find("(EP1234567890128) Tj") == std::string::npos);
}

TEST_CASE("the rates copy is served only while trusted, and never keeps a table read before an invalidation") {
  using Clock = RatesCache::Clock;
  Clock::time_point now{std::chrono::seconds(100)};
  RatesCache cache([&] { return now; });
  auto table = std::make_shared<const RateTable>();

  cache.put(table, cache.ticket());  // no trust yet: not kept
  CHECK(cache.get() == nullptr);

  cache.trust_until(now + std::chrono::seconds(1));
  cache.put(table, cache.ticket());
  CHECK(cache.get() == table);
  now += std::chrono::seconds(2);  // the feed went quiet
  CHECK(cache.get() == nullptr);
  cache.trust_until(now + std::chrono::seconds(1));
  CHECK(cache.get() == table);

  const auto ticket = cache.ticket();  // a reader starts...
  cache.apply("rates");                // ...a replacement is announced...
  cache.put(table, ticket);            // ...and the reader's older table is dropped
  CHECK(cache.get() == nullptr);
  cache.put(table, cache.ticket());
  CHECK(cache.get() == table);
  cache.forget_all();
  CHECK(cache.get() == nullptr);
}
