// Template rendering: substitution, HTML escaping, missing and unknown variables.
#include <doctest/doctest.h>

#include "notification/src/template_render.hpp"

using namespace emporium::notification;

TEST_CASE("variables are substituted, with spaces inside the braces ignored") {
  TemplateData data{{"name", "Ann"}, {"order_id", "42"}};
  CHECK(substitute("Hello {{name}}, order {{ order_id }}.", data, false) == "Hello Ann, order 42.");
  CHECK(substitute("no variables", data, false) == "no variables");
  CHECK(substitute("unclosed {{name", data, false) == "unclosed {{name");
  CHECK(substitute("empty {{}} braces", data, false) == "empty {{}} braces");
}

TEST_CASE("HTML bodies escape the data, text bodies do not") {
  TemplateData data{{"name", "<b>\"Tom\" & 'Jerry'</b>"}};
  CHECK(substitute("<p>{{name}}</p>", data, true) == "<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>");
  CHECK(substitute("{{name}}", data, false) == "<b>\"Tom\" & 'Jerry'</b>");
}

TEST_CASE("variables_in lists each name once, in order") {
  CHECK(variables_in("{{a}} {{b}} {{a}} {{ c }}") == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("render names the first missing variable") {
  Template t{"shipment", "Order {{order_id}}", "Tracking {{tracking_number}}", "<p>{{tracking_number}}</p>", ""};
  Rendered out;
  auto error = render(t, {{"order_id", "7"}}, out);
  REQUIRE(error);
  CHECK(error->variable == "tracking_number");
  CHECK_FALSE(render(t, {{"order_id", "7"}, {"tracking_number", "<X1>"}}, out));
  CHECK(out.subject == "Order 7");
  CHECK(out.text_body == "Tracking <X1>");
  CHECK(out.html_body == "<p>&lt;X1&gt;</p>");
}

TEST_CASE("known variables per template key, and the unknown ones of an edited template") {
  CHECK(known_variables("password_reset")->count("reset_token") == 1);
  CHECK(known_variables("welcome")->count("name") == 1);
  CHECK_FALSE(known_variables("nonsense"));
  Template t{"welcome", "Hi {{name}}", "{{coupon}} {{name}}", "{{coupon}} {{shoe_size}}", ""};
  CHECK(unknown_variables(t) == std::vector<std::string>{"coupon", "shoe_size"});
}
