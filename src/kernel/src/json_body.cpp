#include "emporium/kernel/json_body.hpp"

#include <boost/json/parse.hpp>

namespace emporium::kernel {

std::variant<JsonBody, Problem> JsonBody::parse(const http::Request& request) {
  auto content_type = request.header("Content-Type").value_or("");
  auto media_type = content_type.substr(0, content_type.find(';'));
  while (!media_type.empty() && media_type.back() == ' ') media_type.remove_suffix(1);
  if (!http::iequals(media_type, "application/json")) {
    return Problem{415, "unsupported_media_type", "Unsupported media type", "Send the body as application/json.", {}};
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body, ec);
  if (ec) return Problem::bad_request("malformed_json", "The body is not valid JSON: " + ec.message() + ".");
  if (!value.is_object()) return Problem::bad_request("malformed_json", "The body must be a JSON object.");
  return JsonBody(std::move(value.as_object()));
}

const boost::json::value* JsonBody::value(std::string_view field, bool required) {
  known_.emplace(field);
  const auto* found = object_.if_contains(field);
  if (found == nullptr || found->is_null()) {
    if (required) add_error(std::string(field), "is required");
    return nullptr;
  }
  return found;
}

std::optional<std::string> JsonBody::string(std::string_view field, StringRule rule) {
  const auto* found = value(field, rule.required);
  if (found == nullptr) return std::nullopt;
  if (!found->is_string()) {
    add_error(std::string(field), "must be a string");
    return std::nullopt;
  }
  std::string text(found->as_string());
  // Length in characters, not bytes: count UTF-8 lead bytes.
  std::size_t length = 0;
  for (unsigned char c : text) length += (c & 0xC0) != 0x80;
  if (length < rule.min_length) {
    add_error(std::string(field), rule.min_length == 1 ? "must not be empty"
                                                       : "must be at least " + std::to_string(rule.min_length) + " characters");
    return std::nullopt;
  }
  if (length > rule.max_length) {
    add_error(std::string(field), "must be at most " + std::to_string(rule.max_length) + " characters");
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> JsonBody::integer(std::string_view field, IntegerRule rule) {
  const auto* found = value(field, rule.required);
  if (found == nullptr) return std::nullopt;
  std::int64_t number = 0;
  if (found->is_int64()) {
    number = found->as_int64();
  } else if (found->is_uint64() && found->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    number = static_cast<std::int64_t>(found->as_uint64());
  } else {
    add_error(std::string(field), "must be an integer");
    return std::nullopt;
  }
  if (number < rule.min || number > rule.max) {
    add_error(std::string(field),
              "must be between " + std::to_string(rule.min) + " and " + std::to_string(rule.max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> JsonBody::boolean(std::string_view field, bool required) {
  const auto* found = value(field, required);
  if (found == nullptr) return std::nullopt;
  if (!found->is_bool()) {
    add_error(std::string(field), "must be true or false");
    return std::nullopt;
  }
  return found->as_bool();
}

void JsonBody::add_error(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

std::optional<Problem> JsonBody::finish() {
  for (const auto& [key, unused] : object_) {
    if (!known_.contains(std::string_view(key))) add_error(std::string(key), "is not a known field");
  }
  if (errors_.empty()) return std::nullopt;
  return Problem::validation(std::move(errors_));
}

}  // namespace emporium::kernel
