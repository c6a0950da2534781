#pragma once
// RFC 9457 problem details with a stable `code`. The one place that turns
// expected failures into HTTP responses.
#include <string>
#include <vector>

#include "emporium/kernel/http.hpp"

namespace emporium::kernel {

struct FieldError {
  std::string field;
  std::string message;
};

struct Problem {
  int status = 500;
  std::string code;    // e.g. "validation_failed"
  std::string title;   // short, human, stable per code
  std::string detail;  // this occurrence
  std::vector<FieldError> errors;

  static Problem bad_request(std::string code, std::string detail);
  static Problem validation(std::vector<FieldError> errors);
  static Problem not_found(std::string detail = "The requested resource does not exist.");
  static Problem conflict(std::string code, std::string detail);
  static Problem unauthorized(std::string code, std::string detail);
  static Problem forbidden(std::string detail);
};

// Serialises as application/problem+json with `request_id`.
http::Response to_response(const Problem& problem, const std::string& request_id);

}  // namespace emporium::kernel
