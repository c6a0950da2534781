#include <doctest/doctest.h>

#include "emporium/kernel/json_body.hpp"

using namespace emporium::kernel;

namespace {

http::Request json_request(std::string body, std::string content_type = "application/json") {
  http::Request request;
  request.method = "POST";
  request.headers.emplace_back("Content-Type", content_type);
  request.body = std::move(body);
  return request;
}

}  // namespace

TEST_CASE("json body refuses other content types with 415") {
  auto parsed = JsonBody::parse(json_request("{}", "text/plain"));
  REQUIRE(std::holds_alternative<Problem>(parsed));
  CHECK(std::get<Problem>(parsed).status == 415);
  CHECK(std::get<Problem>(parsed).code == "unsupported_media_type");
  CHECK(std::holds_alternative<JsonBody>(JsonBody::parse(json_request("{}", "application/json; charset=utf-8"))));
}

TEST_CASE("json body answers malformed JSON and non-objects with 400 malformed_json") {
  for (const char* body : {"{\"a\":", "[1,2]", "", "nul"}) {
    auto parsed = JsonBody::parse(json_request(body));
    REQUIRE(std::holds_alternative<Problem>(parsed));
    CHECK(std::get<Problem>(parsed).status == 400);
    CHECK(std::get<Problem>(parsed).code == "malformed_json");
  }
}

TEST_CASE("json body collects every field error and reports unknown fields") {
  auto parsed = JsonBody::parse(json_request(R"({"name": "", "age": 200, "emial": "typo@example.com"})"));
  auto& body = std::get<JsonBody>(parsed);
  CHECK_FALSE(body.string("name", {.min_length = 1}));
  CHECK_FALSE(body.integer("age", {.min = 0, .max = 150}));
  CHECK_FALSE(body.string("email"));
  auto problem = body.finish();
  REQUIRE(problem);
  CHECK(problem->status == 422);
  CHECK(problem->code == "validation_failed");
  REQUIRE(problem->errors.size() == 4);
  CHECK(problem->errors[0].field == "name");
  CHECK(problem->errors[1].field == "age");
  CHECK(problem->errors[2].field == "email");
  CHECK(problem->errors[2].message == "is required");
  CHECK(problem->errors[3].field == "emial");
  CHECK(problem->errors[3].message == "is not a known field");
}

TEST_CASE("json body accepts valid fields and counts characters, not bytes") {
  auto parsed = JsonBody::parse(json_request(R"({"name": "Zoë", "active": true, "count": 3})"));
  auto& body = std::get<JsonBody>(parsed);
  CHECK(body.string("name", {.max_length = 3}) == "Zoë");
  CHECK(body.boolean("active") == true);
  CHECK(body.integer("count") == 3);
  CHECK(body.string("nickname", {.required = false}) == std::nullopt);
  CHECK_FALSE(body.finish());
}
