#include "listing_query.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "money.hpp"

namespace emporium::catalog {
namespace {

constexpr std::array<std::pair<SortOrder, std::string_view>, 6> kSorts = {{
    {SortOrder::relevance, "relevance"},
    {SortOrder::newest, "newest"},
    {SortOrder::price_asc, "price_asc"},
    {SortOrder::price_desc, "price_desc"},
    {SortOrder::rating, "rating"},
    {SortOrder::name, "name"},
}};

constexpr std::size_t kMaxIdLength = 64;

kernel::Problem invalid(const std::string& detail) { return kernel::Problem::bad_request("invalid_query", detail); }

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool is_reference_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// `category` and `seller`: an id or a slug.
std::optional<kernel::Problem> read_reference(const kernel::http::Request& request, std::string_view name,
                                              std::string& out) {
  auto value = request.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  if (value->size() > kMaxIdLength || !std::all_of(value->begin(), value->end(), is_reference_char)) {
    return invalid(std::string(name) + " must be an id or a slug (letters, digits, _ and -).");
  }
  out = std::string(*value);
  return std::nullopt;
}

std::optional<kernel::Problem> read_sort(const kernel::http::Request& request, bool searching, SortOrder& out) {
  auto value = request.query_param("sort");
  if (!value || value->empty()) return std::nullopt;
  auto sort = parse_sort(*value, searching);
  if (!sort) {
    return invalid(searching ? "sort must be one of relevance, newest, price_asc, price_desc, rating, name."
                             : "sort must be one of newest, price_asc, price_desc, rating, name.");
  }
  out = *sort;
  return std::nullopt;
}

std::optional<kernel::Problem> read_price(const kernel::http::Request& request, std::string_view name,
                                          std::optional<std::int64_t>& out) {
  auto value = request.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  out = parse_amount(*value);
  if (!out) return invalid(std::string(name) + " must be an amount such as 25 or 19.99, got '" + std::string(*value) + "'.");
  return std::nullopt;
}

void append_page(std::string& key, const kernel::PageRequest& page) {
  key += "&page=" + std::to_string(page.page) + "&per_page=" + std::to_string(page.per_page);
}

}  // namespace

std::optional<SortOrder> parse_sort(std::string_view text, bool searching) {
  for (const auto& [sort, name] : kSorts) {
    if (name == text && (searching || sort != SortOrder::relevance)) return sort;
  }
  return std::nullopt;
}

std::string_view sort_name(SortOrder sort) {
  for (const auto& [candidate, name] : kSorts) {
    if (candidate == sort) return name;
  }
  return "newest";
}

std::string SearchQuery::text() const {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty() && words.size() < kMaxSearchWords) words.push_back(word);
    word.clear();
  };
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (!is_word_byte(byte)) {
      flush();
      continue;
    }
    word += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte - 'A' + 'a') : c;
  }
  flush();
  return words;
}

std::variant<ListingQuery, kernel::Problem> parse_listing_query(const kernel::http::Request& request) {
  ListingQuery query;
  auto page = kernel::parse_page(request);
  if (auto* problem = std::get_if<kernel::Problem>(&page)) return *problem;
  query.page = std::get<kernel::PageRequest>(page);
  if (auto problem = read_reference(request, "category", query.category)) return *problem;
  if (auto problem = read_reference(request, "seller", query.seller)) return *problem;
  if (auto problem = read_sort(request, false, query.sort)) return *problem;
  return query;
}

std::variant<SearchQuery, kernel::Problem> parse_search_query(const kernel::http::Request& request) {
  SearchQuery query;
  auto page = kernel::parse_page(request);
  if (auto* problem = std::get_if<kernel::Problem>(&page)) return *problem;
  query.page = std::get<kernel::PageRequest>(page);
  auto q = request.query_param("q").value_or("");
  if (q.size() > kMaxSearchLength) {
    return invalid("q must be at most " + std::to_string(kMaxSearchLength) + " characters.");
  }
  query.words = search_words(q);
  if (query.words.empty()) return invalid("q must contain at least one letter or digit.");
  if (auto problem = read_reference(request, "category", query.category)) return *problem;
  if (auto problem = read_price(request, "price_min", query.price_min)) return *problem;
  if (auto problem = read_price(request, "price_max", query.price_max)) return *problem;
  if (query.price_min && query.price_max && *query.price_min > *query.price_max) {
    return invalid("price_min must not be above price_max.");
  }
  if (auto problem = read_sort(request, true, query.sort)) return *problem;
  return query;
}

std::string cache_key(const ListingQuery& query) {
  std::string key = "list?category=" + query.category + "&seller=" + query.seller + "&sort=";
  key += sort_name(query.sort);
  append_page(key, query.page);
  return key;
}

std::string cache_key(const SearchQuery& query) {
  std::string key = "search?q=" + query.text() + "&category=" + query.category;
  key += "&min=" + (query.price_min ? std::to_string(*query.price_min) : std::string());
  key += "&max=" + (query.price_max ? std::to_string(*query.price_max) : std::string());
  key += "&sort=";
  key += sort_name(query.sort);
  append_page(key, query.page);
  return key;
}

}  // namespace emporium::catalog
