#pragma once
// The contract's list paging: `page` (1-based, default 1) and `per_page`
// (default 20, at most 100) from the query string.
#include <cstdint>
#include <variant>

#include "emporium/kernel/http.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::kernel {

struct PageRequest {
  static constexpr std::int64_t kDefaultPerPage = 20;
  static constexpr std::int64_t kMaxPerPage = 100;

  std::int64_t page = 1;
  std::int64_t per_page = kDefaultPerPage;
  std::int64_t offset() const { return (page - 1) * per_page; }
};

// 400 invalid_query for a value that is not a positive integer; a per_page
// above the maximum is lowered to it.
std::variant<PageRequest, Problem> parse_page(const http::Request& request);

}  // namespace emporium::kernel
