// The JSON text writer of the catalog's responses.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "catalog/src/json_writer.hpp"

using namespace emporium::catalog;

TEST_CASE("the writer places commas and colons and writes amounts as decimals") {
  JsonWriter out;
  out.begin_object().key("a").integer(1).key("price").amount(1999).key("list").begin_array();
  out.string("x").null().boolean(true).begin_object().end_object().end_array();
  out.key("raw").raw(R"({"k": [1, 2]})").key("none").string_or_null("").end_object();
  CHECK(out.text() == R"({"a":1,"price":19.99,"list":["x",null,true,{}],"raw":{"k": [1, 2]},"none":null})");
  CHECK(boost::json::parse(out.text()).is_object());
}

TEST_CASE("strings are escaped so that any text stays valid JSON") {
  JsonWriter out;
  out.string("quote \" backslash \\ newline \n tab \t bell \x07 unicode é");
  CHECK(out.text() == R"("quote \" backslash \\ newline \n tab \t bell \u0007 unicode é")");
  CHECK(boost::json::parse(out.text()).as_string() == "quote \" backslash \\ newline \n tab \t bell \x07 unicode é");
}
