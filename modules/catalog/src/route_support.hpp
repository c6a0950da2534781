#pragma once
// The kernel's handler steps, the one mapping of this module's failures to
// problem responses, and how a cached read is answered.
#include <string>
#include <utility>

#include "catalog_reads.hpp"
#include "emporium/kernel/handler_support.hpp"
#include "problems.hpp"

namespace emporium::catalog {

using kernel::http::Request;
using kernel::http::Response;
using kernel::or_problem;
using kernel::reply;
using kernel::with_caller;
using kernel::with_json_body;
using kernel::with_page;

inline Response reply(const Request& request, const Failure& failure) {
  return kernel::reply(request, problem_for(failure));
}

inline Response json_text(int status, std::string body) { return Response::json(status, std::move(body)); }

// A cached read: its body with `X-Cache: hit` or `miss`, or a 404 problem.
inline Response cached_reply(const Request& request, const CachedRead& read, std::string not_found_detail) {
  if (read.response->status != 200) return reply(request, kernel::Problem::not_found(std::move(not_found_detail)));
  auto response = Response::json(200, read.response->body);
  response.set_header("X-Cache", read.hit ? "hit" : "miss");
  return response;
}

}  // namespace emporium::catalog
