#include "refresh_cookie.hpp"

namespace emporium::user {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string refresh_cookie(std::string_view token, std::int64_t max_age_seconds, bool secure) {
  std::string cookie = std::string(kRefreshCookie) + "=" + std::string(token) +
                       "; Path=/api/v1/auth; Max-Age=" + std::to_string(max_age_seconds) +
                       "; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  return cookie;
}

std::optional<std::string> cookie_value(const kernel::http::Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (!kernel::http::iequals(header, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto end = rest.find(';');
      auto pair = trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      auto equals = pair.find('=');
      if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name) {
        return std::string(trim(pair.substr(equals + 1)));
      }
    }
  }
  return std::nullopt;
}

}  // namespace emporium::user
