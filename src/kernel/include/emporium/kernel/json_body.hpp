#pragma once
// Reading and validating a JSON request body. Each accessor records a field
// error instead of failing at once, so one 422 lists every bad field; fields
// the handler never asked for are reported as unknown (typos are not
// silently dropped).
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emporium/kernel/http.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::kernel {

struct StringRule {
  bool required = true;
  std::size_t min_length = 0;
  std::size_t max_length = 10000;
};

struct IntegerRule {
  bool required = true;
  std::int64_t min = INT64_MIN;
  std::int64_t max = INT64_MAX;
};

class JsonBody {
 public:
  // 415 unsupported_media_type unless the content type is JSON; 400
  // malformed_json unless the body is a JSON object.
  static std::variant<JsonBody, Problem> parse(const http::Request& request);
  explicit JsonBody(boost::json::object object) : object_(std::move(object)) {}

  std::optional<std::string> string(std::string_view field, StringRule rule = {});
  std::optional<std::int64_t> integer(std::string_view field, IntegerRule rule = {});
  std::optional<bool> boolean(std::string_view field, bool required = true);
  // Raw access for nested values; marks the field as known.
  const boost::json::value* value(std::string_view field, bool required = true);
  // Whether the field is in the body at all, `null` included: tells a PATCH
  // that clears a field (`null`) from one that leaves it alone (absent).
  bool has(std::string_view field) const { return object_.contains(field); }

  void add_error(std::string field, std::string message);
  // A 422 validation_failed listing every recorded and unknown field, or nullopt.
  std::optional<Problem> finish();

 private:
  boost::json::object object_;
  std::set<std::string, std::less<>> known_;
  std::vector<FieldError> errors_;
};

}  // namespace emporium::kernel
