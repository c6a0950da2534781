// Paging query parameters.
#include <doctest/doctest.h>

#include "emporium/kernel/pagination.hpp"

using namespace emporium::kernel;

namespace {

std::variant<PageRequest, Problem> page_of(std::vector<std::pair<std::string, std::string>> query) {
  http::Request request;
  request.query = std::move(query);
  return parse_page(request);
}

}  // namespace

TEST_CASE("pagination defaults to page 1 of 20") {
  auto page = std::get<PageRequest>(page_of({}));
  CHECK(page.page == 1);
  CHECK(page.per_page == 20);
  CHECK(page.offset() == 0);
}

TEST_CASE("pagination reads page and per_page and lowers per_page to 100") {
  auto page = std::get<PageRequest>(page_of({{"page", "3"}, {"per_page", "10"}}));
  CHECK(page.offset() == 20);
  CHECK(std::get<PageRequest>(page_of({{"per_page", "1000"}})).per_page == 100);
}

TEST_CASE("pagination answers 400 invalid_query for values that are not positive integers") {
  for (auto [name, value] : {std::pair{"page", "0"}, std::pair{"page", "-1"}, std::pair{"page", "x"},
                             std::pair{"page", "2.5"}, std::pair{"per_page", "0"}, std::pair{"per_page", ""},
                             std::pair{"page", "99999999999999999999"}}) {
    auto result = page_of({{name, value}});
    REQUIRE_MESSAGE(std::holds_alternative<Problem>(result), name, "=", value);
    CHECK(std::get<Problem>(result).status == 400);
    CHECK(std::get<Problem>(result).code == "invalid_query");
  }
}
