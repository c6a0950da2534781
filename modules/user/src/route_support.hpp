#pragma once
// What every handler of the module does first: parse the body, find the
// caller, read paging, and turn failures into problem responses.
#include <boost/json/array.hpp>

#include <initializer_list>
#include <utility>
#include <variant>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/http.hpp"
#include "emporium/kernel/json_body.hpp"
#include "emporium/kernel/json_response.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"
#include "paged.hpp"
#include "problems.hpp"

namespace emporium::user {

using kernel::http::Request;
using kernel::http::Response;

inline Response reply(const Request& request, const kernel::Problem& problem) {
  return kernel::to_response(problem, request.request_id);
}

inline Response reply(const Request& request, const kernel::Error& error) {
  return reply(request, problem_for(error));
}

// handle(JsonBody&) on a JSON object body; 415 or 400 otherwise.
template <class F>
Response with_json_body(const Request& request, F&& handle) {
  auto parsed = kernel::JsonBody::parse(request);
  if (auto* problem = std::get_if<kernel::Problem>(&parsed)) return reply(request, *problem);
  return std::forward<F>(handle)(std::get<kernel::JsonBody>(parsed));
}

// handle(const Principal&) for a signed-in caller with one of `roles` (any
// role when empty); 401 or 403 otherwise.
template <class F>
Response with_caller(const kernel::Auth& auth, const Request& request, std::initializer_list<kernel::Role> roles,
                     F&& handle) {
  auto caller = auth.require(request, roles);
  if (auto* problem = std::get_if<kernel::Problem>(&caller)) return reply(request, *problem);
  return std::forward<F>(handle)(std::get<kernel::Principal>(caller));
}

// The contract's list shape of one page, each item shaped by `to_json`.
template <class T, class ToJson>
Response page_response(const Paged<T>& found, const kernel::PageRequest& page, ToJson to_json) {
  boost::json::array results;
  for (const auto& item : found.items) results.push_back(to_json(item));
  return kernel::list_response(found.total, page.page, page.per_page, std::move(results));
}

// handle(const PageRequest&) with the query's paging; 400 when it is bad.
template <class F>
Response with_page(const Request& request, F&& handle) {
  auto page = kernel::parse_page(request);
  if (auto* problem = std::get_if<kernel::Problem>(&page)) return reply(request, *problem);
  return std::forward<F>(handle)(std::get<kernel::PageRequest>(page));
}

}  // namespace emporium::user
