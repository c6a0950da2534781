// Money: amounts in minor units, read from and written as decimal numbers.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "emporium/kernel/json_response.hpp"
#include "emporium/kernel/money.hpp"

using namespace emporium::kernel;

TEST_CASE("amounts are written with at most two decimals and no trailing zeros") {
  CHECK(format_amount(1999) == "19.99");
  CHECK(format_amount(1990) == "19.9");
  CHECK(format_amount(2000) == "20");
  CHECK(format_amount(5) == "0.05");
  CHECK(format_amount(0) == "0");
  CHECK(format_amount(kMaxAmountMinor) == "999999999.99");
}

TEST_CASE("decimal amounts are read exactly in minor units") {
  CHECK(parse_amount("19.99") == 1999);
  CHECK(parse_amount("20") == 2000);
  CHECK(parse_amount("0.5") == 50);
  CHECK(parse_amount("0.05") == 5);
  CHECK(parse_amount("19.990") == 1999);
  CHECK(parse_amount("007.10") == 710);
  CHECK(parse_amount("1.999E1") == 1999);
  CHECK(parse_amount("2e2") == 20000);
  CHECK(parse_amount("1999e-2") == 1999);
  CHECK(parse_amount("999999999.99") == kMaxAmountMinor);
}

TEST_CASE("amounts with more than two decimals, signs, junk or too many digits are refused") {
  for (const char* bad : {"19.999", "0.001", "-1", "+1", "", ".", "1.", "abc", "1,50", "1e", "1e400", "1000000000",
                          "12 ", " 12", "0x10", "1e-3"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_amount(bad).has_value());
  }
}

TEST_CASE("JSON amounts: integers are whole units and decimals read back from their shortest text") {
  CHECK(amount_from_json(boost::json::parse("25")) == 2500);
  CHECK(amount_from_json(boost::json::parse("19.99")) == 1999);
  CHECK(amount_from_json(boost::json::parse("0.1")) == 10);
  CHECK(amount_from_json(boost::json::parse("1234567.89")) == 123456789);
  CHECK_FALSE(amount_from_json(boost::json::parse("19.995")).has_value());
  CHECK_FALSE(amount_from_json(boost::json::parse("-3")).has_value());
  CHECK_FALSE(amount_from_json(boost::json::parse("\"19.99\"")).has_value());
  CHECK_FALSE(amount_from_json(boost::json::parse("1e12")).has_value());
}

TEST_CASE("only two-decimal ISO 4217 currencies are offered") {
  CHECK(is_supported_currency("USD"));
  CHECK(is_supported_currency("EUR"));
  CHECK_FALSE(is_supported_currency("JPY"));
  CHECK_FALSE(is_supported_currency("KWD"));
  CHECK_FALSE(is_supported_currency("usd"));
  CHECK_FALSE(is_supported_currency("XXX"));
}

TEST_CASE("a money amount is written on the wire with its two decimals, never an exponent") {
  boost::json::object body{{"price", amount_json(1999)}, {"whole", amount_json(2000)}, {"cent", amount_json(5)},
                           {"large", amount_json(99'999'999'999)}};
  CHECK(to_json_text(body) == R"({"price":19.99,"whole":20,"cent":0.05,"large":999999999.99})");
}

TEST_CASE("json text escapes strings and keeps nesting") {
  boost::json::value body = boost::json::parse(R"({"a":["x\"y",1,true,null,{"b":-2.5}]})");
  CHECK(to_json_text(body) == R"({"a":["x\"y",1,true,null,{"b":-2.5}]})");
}
