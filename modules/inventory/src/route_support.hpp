#pragma once
// The first steps of the module's handlers: find the caller, parse the body,
// read paging, and turn failures into problem responses.
#include <initializer_list>
#include <utility>
#include <variant>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/http.hpp"
#include "emporium/kernel/json_body.hpp"
#include "emporium/kernel/json_response.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/kernel/problem.hpp"
#include "problems.hpp"
#include "stock_types.hpp"

namespace emporium::inventory {

using kernel::http::Request;
using kernel::http::Response;

inline Response reply(const Request& request, const kernel::Problem& problem) {
  return kernel::to_response(problem, request.request_id);
}

inline Response reply(const Request& request, const kernel::Error& error) {
  return reply(request, problem_for(error));
}

// Unwraps a `std::variant<T, Problem>` into handle(T&), or answers the problem.
template <class T, class F>
Response or_problem(const Request& request, std::variant<T, kernel::Problem> parsed, F&& handle) {
  if (auto* problem = std::get_if<kernel::Problem>(&parsed)) return reply(request, *problem);
  return std::forward<F>(handle)(std::get<T>(parsed));
}

template <class F>
Response with_caller(const kernel::Auth& auth, const Request& request, std::initializer_list<kernel::Role> roles,
                     F&& handle) {
  return or_problem(request, auth.require(request, roles), std::forward<F>(handle));
}

template <class F>
Response with_json_body(const Request& request, F&& handle) {
  return or_problem(request, kernel::JsonBody::parse(request), std::forward<F>(handle));
}

template <class F>
Response with_page(const Request& request, F&& handle) {
  return or_problem(request, kernel::parse_page(request), std::forward<F>(handle));
}

// The contract's list shape of one page, each item shaped by `to_json`.
template <class T, class ToJson>
Response page_response(const Paged<T>& found, const kernel::PageRequest& page, ToJson to_json) {
  boost::json::array results;
  for (const auto& item : found.items) results.push_back(to_json(item));
  return kernel::list_response(found.total, page.page, page.per_page, std::move(results));
}

}  // namespace emporium::inventory
