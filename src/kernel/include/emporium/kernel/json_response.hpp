#pragma once
// Shaping JSON responses in handlers.
#include <boost/json/value.hpp>

#include "emporium/kernel/http.hpp"

namespace emporium::kernel {

http::Response json_response(int status, const boost::json::value& body);

// The contract's list shape: {"total", "page", "per_page", "results"}.
http::Response list_response(std::int64_t total, std::int64_t page, std::int64_t per_page, boost::json::array results);

}  // namespace emporium::kernel
