// Query strings of the product lists and search: parsing, the 400s, cache keys.
#include <doctest/doctest.h>

#include "catalog/src/listing_query.hpp"

using namespace emporium::catalog;
using emporium::kernel::Problem;
using emporium::kernel::http::Request;

namespace {

Request with_query(std::vector<std::pair<std::string, std::string>> query) {
  Request request;
  request.method = "GET";
  request.query = std::move(query);
  return request;
}

template <class Parsed>
std::string problem_detail(const Parsed& parsed) {
  const auto* problem = std::get_if<Problem>(&parsed);
  REQUIRE(problem != nullptr);
  CHECK(problem->status == 400);
  CHECK(problem->code == "invalid_query");
  return problem->detail;
}

}  // namespace

TEST_CASE("a list query defaults to the newest products, page 1 of 20") {
  auto parsed = parse_listing_query(with_query({}));
  const auto& query = std::get<ListingQuery>(parsed);
  CHECK(query.sort == SortOrder::newest);
  CHECK(query.page.page == 1);
  CHECK(query.page.per_page == 20);
  CHECK(query.category.empty());
  CHECK(query.seller.empty());
}

TEST_CASE("a list query reads category, seller, sort and paging") {
  auto parsed = parse_listing_query(
      with_query({{"category", "mens-shirts"}, {"seller", "usr_1"}, {"sort", "price_desc"}, {"page", "3"}, {"per_page", "500"}}));
  const auto& query = std::get<ListingQuery>(parsed);
  CHECK(query.category == "mens-shirts");
  CHECK(query.seller == "usr_1");
  CHECK(query.sort == SortOrder::price_desc);
  CHECK(query.page.page == 3);
  CHECK(query.page.per_page == 100);
}

TEST_CASE("bad list parameters are a 400 naming the parameter") {
  CHECK(problem_detail(parse_listing_query(with_query({{"sort", "bogus"}}))).find("sort") != std::string::npos);
  CHECK(problem_detail(parse_listing_query(with_query({{"sort", "relevance"}}))).find("sort") != std::string::npos);
  CHECK(problem_detail(parse_listing_query(with_query({{"page", "abc"}}))).find("page") != std::string::npos);
  CHECK(problem_detail(parse_listing_query(with_query({{"per_page", "0"}}))).find("per_page") != std::string::npos);
  CHECK(problem_detail(parse_listing_query(with_query({{"category", "a b"}}))).find("category") != std::string::npos);
  CHECK(problem_detail(parse_listing_query(with_query({{"seller", std::string(65, 'x')}}))).find("seller") !=
        std::string::npos);
}

TEST_CASE("search words are lower-cased letters and digits, split on anything else") {
  CHECK(search_words("Wireless  HEADPHONES!") == std::vector<std::string>{"wireless", "headphones"});
  CHECK(search_words("wh-1000xm5") == std::vector<std::string>{"wh", "1000xm5"});
  CHECK(search_words("a:* & b | !c") == std::vector<std::string>{"a", "b", "c"});
  CHECK(search_words("café crème") == std::vector<std::string>{"café", "crème"});
  CHECK(search_words("   ").empty());
  CHECK(search_words("a b c d e f g h i j").size() == kMaxSearchWords);
}

TEST_CASE("a search reads q, filters, sort and paging; relevance is the default") {
  auto parsed = parse_search_query(
      with_query({{"q", "Wireles Headphone"}, {"category", "audio"}, {"price_min", "10"}, {"price_max", "99.5"}}));
  const auto& query = std::get<SearchQuery>(parsed);
  CHECK(query.words == std::vector<std::string>{"wireles", "headphone"});
  CHECK(query.text() == "wireles headphone");
  CHECK(query.category == "audio");
  CHECK(query.price_min == 1000);
  CHECK(query.price_max == 9950);
  CHECK(query.sort == SortOrder::relevance);
  CHECK(std::get<SearchQuery>(parse_search_query(with_query({{"q", "x"}, {"sort", "price_asc"}}))).sort ==
        SortOrder::price_asc);
}

TEST_CASE("bad search parameters are a 400 naming the parameter") {
  CHECK(problem_detail(parse_search_query(with_query({}))).find("q") != std::string::npos);
  CHECK(problem_detail(parse_search_query(with_query({{"q", "?!"}}))).find("q") != std::string::npos);
  CHECK(problem_detail(parse_search_query(with_query({{"q", std::string(201, 'a')}}))).find("q") != std::string::npos);
  CHECK(problem_detail(parse_search_query(with_query({{"q", "x"}, {"price_min", "cheap"}}))).find("price_min") !=
        std::string::npos);
  CHECK(problem_detail(parse_search_query(with_query({{"q", "x"}, {"price_max", "1.001"}}))).find("price_max") !=
        std::string::npos);
  CHECK(problem_detail(parse_search_query(with_query({{"q", "x"}, {"price_min", "5"}, {"price_max", "4"}})))
            .find("price_min") != std::string::npos);
  CHECK(problem_detail(parse_search_query(with_query({{"q", "x"}, {"sort", "best"}}))).find("sort") != std::string::npos);
}

TEST_CASE("equivalent queries share a cache key and different ones do not") {
  auto key = [](std::vector<std::pair<std::string, std::string>> params) {
    return cache_key(std::get<SearchQuery>(parse_search_query(with_query(std::move(params)))));
  };
  CHECK(key({{"q", "Wireless Headphones"}}) == key({{"q", "wireless   headphones!"}}));
  CHECK(key({{"q", "x"}, {"sort", "relevance"}, {"page", "1"}}) == key({{"q", "x"}}));
  CHECK(key({{"q", "x"}}) != key({{"q", "x"}, {"page", "2"}}));
  CHECK(key({{"q", "x"}}) != key({{"q", "x"}, {"price_min", "1"}}));
  auto list_key = [](std::vector<std::pair<std::string, std::string>> params) {
    return cache_key(std::get<ListingQuery>(parse_listing_query(with_query(std::move(params)))));
  };
  CHECK(list_key({}) == list_key({{"sort", "newest"}, {"per_page", "20"}}));
  CHECK(list_key({}) != list_key({{"sort", "name"}}));
  CHECK(list_key({{"category", "a"}}) != list_key({{"seller", "a"}}));
}
