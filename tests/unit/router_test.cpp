#include <doctest/doctest.h>

#include <stdexcept>

#include "emporium/kernel/router.hpp"

using namespace emporium::kernel;

namespace {
Handler answer(int status) {
  return [status](http::Request&) { return http::Response::empty(status); };
}
}  // namespace

TEST_CASE("router matches literal paths and extracts path parameters") {
  Router router;
  router.add("GET", "/api/v1/products/{id}", answer(200));
  router.add("GET", "/api/v1/products/search", answer(201));
  auto by_id = router.match("GET", "/api/v1/products/prod_42");
  REQUIRE(by_id.route != nullptr);
  CHECK(by_id.route->pattern == "/api/v1/products/{id}");
  REQUIRE(by_id.params.size() == 1);
  CHECK(by_id.params[0] == std::pair<std::string, std::string>{"id", "prod_42"});

  auto search = router.match("GET", "/api/v1/products/search");
  REQUIRE(search.route != nullptr);
  CHECK(search.route->pattern == "/api/v1/products/search");  // a literal beats a parameter
}

TEST_CASE("router reports the allowed methods when only the method is wrong") {
  Router router;
  router.add("GET", "/healthz", answer(200));
  router.add("DELETE", "/healthz", answer(204));
  auto match = router.match("POST", "/healthz");
  CHECK(match.route == nullptr);
  CHECK(match.allowed_methods == std::vector<std::string>{"DELETE", "GET", "HEAD"});
}

TEST_CASE("router answers HEAD with the GET route and finds nothing for unknown paths") {
  Router router;
  router.add("GET", "/healthz", answer(200));
  auto head = router.match("HEAD", "/healthz");
  REQUIRE(head.route != nullptr);
  CHECK(head.route->method == "GET");
  auto missing = router.match("GET", "/nope");
  CHECK(missing.route == nullptr);
  CHECK(missing.allowed_methods.empty());
  CHECK(router.match("GET", "/healthz/extra").route == nullptr);
}

TEST_CASE("router ignores duplicate and trailing slashes consistently and refuses duplicate routes") {
  Router router;
  router.add("GET", "/a/b", answer(200));
  CHECK(router.match("GET", "/a/b/").route != nullptr);
  CHECK_THROWS_AS(router.add("GET", "/a/b", answer(200)), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "no-slash", answer(200)), std::invalid_argument);
}
