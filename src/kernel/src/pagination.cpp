#include "emporium/kernel/pagination.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace emporium::kernel {
namespace {

// A positive integer, or nullopt for anything else.
std::optional<std::int64_t> positive(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

std::variant<PageRequest, Problem> parse_page(const http::Request& request) {
  PageRequest out;
  // Pages beyond this are certainly empty and would overflow offset().
  constexpr std::int64_t kMaxPage = 1'000'000'000;
  if (auto page = request.query_param("page")) {
    auto value = positive(*page);
    if (!value || *value > kMaxPage) {
      return Problem::bad_request("invalid_query", "page must be a positive integer, got '" + std::string(*page) + "'.");
    }
    out.page = *value;
  }
  if (auto per_page = request.query_param("per_page")) {
    auto value = positive(*per_page);
    if (!value) {
      return Problem::bad_request("invalid_query",
                                  "per_page must be a positive integer, got '" + std::string(*per_page) + "'.");
    }
    out.per_page = std::min(*value, PageRequest::kMaxPerPage);
  }
  return out;
}

}  // namespace emporium::kernel
