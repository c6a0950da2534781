#include "emporium/kernel/problem.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace emporium::kernel {

Problem Problem::bad_request(std::string code, std::string detail) {
  return {400, std::move(code), "Bad request", std::move(detail), {}};
}

Problem Problem::validation(std::vector<FieldError> errors) {
  return {422, "validation_failed", "Validation failed", "One or more fields are invalid.", std::move(errors)};
}

Problem Problem::not_found(std::string detail) { return {404, "not_found", "Not found", std::move(detail), {}}; }

Problem Problem::conflict(std::string code, std::string detail) {
  return {409, std::move(code), "Conflict", std::move(detail), {}};
}

Problem Problem::unauthorized(std::string code, std::string detail) {
  return {401, std::move(code), "Unauthorized", std::move(detail), {}};
}

Problem Problem::forbidden(std::string detail) { return {403, "forbidden", "Forbidden", std::move(detail), {}}; }

http::Response to_response(const Problem& problem, const std::string& request_id) {
  boost::json::object body;
  body["type"] = "urn:emporium:problem:" + problem.code;
  body["title"] = problem.title;
  body["status"] = problem.status;
  body["detail"] = problem.detail;
  body["code"] = problem.code;
  if (!problem.errors.empty()) {
    boost::json::array errors;
    for (const auto& error : problem.errors) {
      errors.push_back(boost::json::object{{"field", error.field}, {"message", error.message}});
    }
    body["errors"] = std::move(errors);
  }
  body["request_id"] = request_id;
  return http::Response::text(problem.status, boost::json::serialize(body), "application/problem+json");
}

}  // namespace emporium::kernel
