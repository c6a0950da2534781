#pragma once
// The `refresh_token` cookie: HttpOnly so page scripts cannot read it,
// SameSite=Strict so other sites cannot make a browser send it, scoped to
// /api/v1/auth so it travels only to the endpoints that use it, and Secure
// when the request came over TLS.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emporium/kernel/http.hpp"

namespace emporium::user {

inline constexpr std::string_view kRefreshCookie = "refresh_token";

// A Set-Cookie value; max_age_seconds 0 deletes the cookie.
std::string refresh_cookie(std::string_view token, std::int64_t max_age_seconds, bool secure);

// The value of cookie `name` in the request's Cookie header(s), if any.
std::optional<std::string> cookie_value(const kernel::http::Request& request, std::string_view name);

}  // namespace emporium::user
