#include "emporium/kernel/http.hpp"

#include <algorithm>
#include <cctype>

namespace emporium::kernel::http {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

namespace {
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string_view> Request::header(std::string_view name) const { return find_header(headers, name); }

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

void Response::set_header(std::string_view name, std::string_view value) {
  for (auto& [key, existing] : headers) {
    if (iequals(key, name)) {
      existing = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

std::optional<std::string_view> Response::header(std::string_view name) const { return find_header(headers, name); }

Response Response::text(int status, std::string body, std::string_view content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", content_type);
  return response;
}

Response Response::json(int status, std::string body) { return text(status, std::move(body), "application/json"); }

Response Response::empty(int status) {
  Response response;
  response.status = status;
  return response;
}

}  // namespace emporium::kernel::http
