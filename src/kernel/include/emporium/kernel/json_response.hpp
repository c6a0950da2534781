#pragma once
// Shaping JSON responses in handlers.
#include <boost/json/value.hpp>

#include <string>

#include "emporium/kernel/http.hpp"

namespace emporium::kernel {

// JSON text like boost::json::serialize, but a double is written in its
// shortest round-trip form (19.99, not 1.999E1): money reads as money.
std::string to_json_text(const boost::json::value& value);

http::Response json_response(int status, const boost::json::value& body);

// The contract's list shape: {"total", "page", "per_page", "results"}.
http::Response list_response(std::int64_t total, std::int64_t page, std::int64_t per_page, boost::json::array results);

}  // namespace emporium::kernel
