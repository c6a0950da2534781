#pragma once
// The kernel's handler steps, plus the one mapping of this module's error
// codes to problem responses.
#include "emporium/kernel/handler_support.hpp"
#include "emporium/kernel/result.hpp"
#include "problems.hpp"
#include "stock_types.hpp"

namespace emporium::inventory {

using kernel::http::Request;
using kernel::http::Response;
using kernel::reply;
using kernel::with_caller;
using kernel::with_json_body;
using kernel::with_page;

inline Response reply(const Request& request, const kernel::Error& error) {
  return kernel::reply(request, problem_for(error));
}

template <class T, class ToJson>
Response page_response(const Paged<T>& found, const kernel::PageRequest& page, ToJson to_json) {
  return kernel::page_response(found.total, found.items, page, to_json);
}

}  // namespace emporium::inventory
