#pragma once
// Transport-neutral HTTP request and response. Handlers see only these, so
// module code never includes Beast or Asio.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emporium::kernel::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received, with the query
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::string client_address;  // after trusted-proxy resolution
  std::string request_id;
  std::string route;  // the matched route pattern, for logs and metrics
  bool secure = false;  // arrived over TLS

  // Case-insensitive; the first value, or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  // The value of a `{name}` path segment; empty when the route has none.
  std::string_view param(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  void set_header(std::string_view name, std::string_view value);  // replaces
  std::optional<std::string_view> header(std::string_view name) const;

  static Response text(int status, std::string body, std::string_view content_type = "text/plain; charset=utf-8");
  static Response json(int status, std::string body);  // body already serialised
  static Response empty(int status);
};

bool iequals(std::string_view a, std::string_view b);

}  // namespace emporium::kernel::http
