#pragma once
// The kernel's handler steps, plus the one mapping of this module's error
// codes to problem responses.
#include "emporium/kernel/handler_support.hpp"
#include "emporium/kernel/result.hpp"
#include "problems.hpp"

namespace emporium::shipping {

using kernel::http::Request;
using kernel::http::Response;
using kernel::reply;
using kernel::with_caller;
using kernel::with_json_body;

inline Response reply(const Request& request, const kernel::Error& error) {
  return kernel::reply(request, problem_for(error));
}

}  // namespace emporium::shipping
