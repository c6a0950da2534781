// The refresh token cookie.
#include <doctest/doctest.h>

#include "user/src/refresh_cookie.hpp"

using namespace emporium::user;
using emporium::kernel::http::Request;

TEST_CASE("refresh cookie is HttpOnly, SameSite=Strict and scoped to the auth endpoints") {
  CHECK(refresh_cookie("abc", 2592000, false) ==
        "refresh_token=abc; Path=/api/v1/auth; Max-Age=2592000; HttpOnly; SameSite=Strict");
}

TEST_CASE("refresh cookie is Secure under TLS") {
  CHECK(refresh_cookie("abc", 60, true) == "refresh_token=abc; Path=/api/v1/auth; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
}

TEST_CASE("refresh cookie with max age 0 deletes it") {
  CHECK(refresh_cookie("", 0, false).rfind("refresh_token=; Path=/api/v1/auth; Max-Age=0;", 0) == 0);
}

TEST_CASE("cookie value is found among several cookies and headers") {
  Request request;
  request.headers = {{"cookie", "theme=dark; refresh_token=tok123 ;other=1"}};
  CHECK(cookie_value(request, "refresh_token") == "tok123");
  CHECK(cookie_value(request, "theme") == "dark");
  CHECK_FALSE(cookie_value(request, "missing"));
  request.headers = {{"Cookie", "a=1"}, {"Cookie", "refresh_token=second"}};
  CHECK(cookie_value(request, "refresh_token") == "second");
}

TEST_CASE("cookie value does not match a cookie whose name only ends the same") {
  Request request;
  request.headers = {{"Cookie", "xrefresh_token=evil"}};
  CHECK_FALSE(cookie_value(request, "refresh_token"));
}
