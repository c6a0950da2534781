#pragma once
// The query strings of the catalog's lists: GET /products (and
// /products/category/{slug}) and GET /products/search. A bad value is a
// 400 `invalid_query` that names the parameter; unknown parameters are
// ignored, as browsers and caches add their own. Each parsed query has a
// canonical cache key, so equivalent URLs share one cache entry.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emporium/kernel/http.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::catalog {

enum class SortOrder { relevance, newest, price_asc, price_desc, rating, name };

// `relevance` is only for searches.
std::optional<SortOrder> parse_sort(std::string_view text, bool searching);
std::string_view sort_name(SortOrder sort);

struct ListingQuery {
  std::string category;  // a slug or a category id; empty: every category
  std::string seller;    // a seller's user id; empty: every seller
  SortOrder sort = SortOrder::newest;
  kernel::PageRequest page;
};

struct SearchQuery {
  std::vector<std::string> words;  // lower-case words of `q`, in order
  std::string category;
  std::optional<std::int64_t> price_min;  // minor units, inclusive
  std::optional<std::int64_t> price_max;
  SortOrder sort = SortOrder::relevance;
  kernel::PageRequest page;

  std::string text() const;  // the words joined by single spaces
};

inline constexpr std::size_t kMaxSearchLength = 200;
inline constexpr std::size_t kMaxSearchWords = 8;

// The searchable words of a query: letters and digits (any non-ASCII byte
// counts as a letter), lower-cased, at most kMaxSearchWords.
std::vector<std::string> search_words(std::string_view text);

std::variant<ListingQuery, kernel::Problem> parse_listing_query(const kernel::http::Request& request);
std::variant<SearchQuery, kernel::Problem> parse_search_query(const kernel::http::Request& request);

std::string cache_key(const ListingQuery& query);
std::string cache_key(const SearchQuery& query);

}  // namespace emporium::catalog
