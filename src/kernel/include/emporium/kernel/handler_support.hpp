#pragma once
// The first steps every handler takes: find the caller, parse the body, read
// paging; each answers its problem itself, so a handler reads as a straight
// line. A module adds only its own `reply(request, Error)` mapping.
#include <boost/json/array.hpp>

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <variant>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/http.hpp"
#include "emporium/kernel/json_body.hpp"
#include "emporium/kernel/json_response.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::kernel {

inline http::Response reply(const http::Request& request, const Problem& problem) {
  return to_response(problem, request.request_id);
}

// handle(T&) with the value of `parsed`, or its problem as the answer.
template <class T, class F>
http::Response or_problem(const http::Request& request, std::variant<T, Problem> parsed, F&& handle) {
  if (auto* problem = std::get_if<Problem>(&parsed)) return reply(request, *problem);
  return std::forward<F>(handle)(std::get<T>(parsed));
}

// handle(const Principal&) for a signed-in caller with one of `roles` (any
// role when empty); 401 or 403 otherwise.
template <class F>
http::Response with_caller(const Auth& auth, const http::Request& request, std::initializer_list<Role> roles,
                           F&& handle) {
  return or_problem(request, auth.require(request, roles), std::forward<F>(handle));
}

// handle(JsonBody&) on a JSON object body; 415 or 400 otherwise.
template <class F>
http::Response with_json_body(const http::Request& request, F&& handle) {
  return or_problem(request, JsonBody::parse(request), std::forward<F>(handle));
}

// handle(const PageRequest&) with the query's paging; 400 when it is bad.
template <class F>
http::Response with_page(const http::Request& request, F&& handle) {
  return or_problem(request, parse_page(request), std::forward<F>(handle));
}

// The contract's list shape of one page of `items`, each shaped by `to_json`.
template <class Items, class ToJson>
http::Response page_response(std::int64_t total, const Items& items, const PageRequest& page, ToJson to_json) {
  boost::json::array results;
  for (const auto& item : items) results.push_back(to_json(item));
  return list_response(total, page.page, page.per_page, std::move(results));
}

}  // namespace emporium::kernel
