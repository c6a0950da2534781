#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <variant>

#include "emporium/kernel/json_response.hpp"
#include "refresh_cookie.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"
#include "unix_time.hpp"
#include "user_json.hpp"

namespace emporium::user {
namespace {

const kernel::RouteOptions kAuthClass{"auth"};

Response session_response(const Request& request, int status, const Session& session, std::int64_t refresh_ttl,
                          boost::json::object body) {
  for (auto& [key, value] : session_json(session)) body[key] = value;
  auto response = kernel::json_response(status, body);
  response.set_header("Set-Cookie", refresh_cookie(session.refresh_token, refresh_ttl, request.secure));
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response clearing_cookie(const Request& request, Response response) {
  response.set_header("Set-Cookie", refresh_cookie("", 0, request.secure));
  return response;
}

// The refresh token of the JSON body ({refresh_token}) if the request has a
// body, else of the cookie; nullopt when neither has one.
std::variant<std::optional<std::string>, kernel::Problem> presented_refresh_token(const Request& request) {
  if (request.body.empty()) return cookie_value(request, kRefreshCookie);
  auto parsed = kernel::JsonBody::parse(request);
  if (auto* problem = std::get_if<kernel::Problem>(&parsed)) return *problem;
  auto& body = std::get<kernel::JsonBody>(parsed);
  auto token = body.string("refresh_token", {false, 1, 1024});
  if (auto problem = body.finish()) return *problem;
  if (token) return token;
  return cookie_value(request, kRefreshCookie);
}

Response throttled(const Request& request, std::int64_t retry_after) {
  auto response = reply(request, kernel::Problem{429, "login_throttled", "Too many requests",
                                                 "Too many failed sign-ins; retry after the given number of seconds.",
                                                 {}});
  response.set_header("Retry-After", std::to_string(retry_after));
  return response;
}

}  // namespace

void add_auth_routes(kernel::Router& router, UserServices& services) {
  auto& s = services;
  const auto refresh_ttl = s.config.refresh_token_ttl_seconds;

  router.add("POST", "/api/v1/auth/register", [&s, refresh_ttl](Request& request) {
    return with_json_body(request, [&](kernel::JsonBody& body) {
      auto email = read_new_email(body);
      auto password = read_new_password(body);
      auto name = read_name(body, true);
      if (auto problem = body.finish()) return reply(request, *problem);
      auto account = s.registration.create({*email, *password, *name, kernel::Role::customer});
      if (!account) return reply(request, account.error());
      s.counters.registrations.increment();
      auto session = s.sessions.start(account->id, account->role);
      return session_response(request, 201, session, refresh_ttl, {{"user", account_json(*account)}});
    });
  }, kAuthClass);

  router.add("POST", "/api/v1/auth/login", [&s, refresh_ttl](Request& request) {
    return with_json_body(request, [&](kernel::JsonBody& body) {
      auto email = read_credential(body, "email");
      auto password = read_credential(body, "password");
      if (auto problem = body.finish()) return reply(request, *problem);
      auto outcome = s.login.attempt(*email, *password, request.client_address);
      if (auto* wait = std::get_if<Throttled>(&outcome)) {
        s.counters.throttled_logins.increment();
        return throttled(request, wait->retry_after_seconds);
      }
      if (auto* error = std::get_if<kernel::Error>(&outcome)) {
        s.counters.failed_logins.increment();
        return reply(request, *error);
      }
      s.counters.logins.increment();
      return session_response(request, 200, std::get<Session>(outcome), refresh_ttl, {});
    });
  }, kAuthClass);

  router.add("POST", "/api/v1/auth/refresh", [&s, refresh_ttl](Request& request) {
    auto presented = presented_refresh_token(request);
    if (auto* problem = std::get_if<kernel::Problem>(&presented)) return reply(request, *problem);
    auto& token = std::get<std::optional<std::string>>(presented);
    if (!token) {
      return reply(request, kernel::Error{"invalid_refresh_token", "Send the refresh token in the cookie or the body."});
    }
    auto session = s.sessions.refresh(*token);
    if (!session) {
      if (session.error().code == "refresh_token_reused") s.counters.refresh_reuses.increment();
      return clearing_cookie(request, reply(request, session.error()));
    }
    return session_response(request, 200, session.value(), refresh_ttl, {});
  }, kAuthClass);

  router.add("POST", "/api/v1/auth/logout", [&s](Request& request) {
    auto presented = presented_refresh_token(request);
    if (auto* problem = std::get_if<kernel::Problem>(&presented)) return reply(request, *problem);
    if (auto& token = std::get<std::optional<std::string>>(presented)) s.sessions.end(*token);
    return clearing_cookie(request, Response::empty(204));
  }, kAuthClass);

  router.add("POST", "/api/v1/auth/verify", [&s](Request& request) {
    return with_json_body(request, [&](kernel::JsonBody& body) {
      auto token = body.string("token", {true, 0, 8192});
      if (auto problem = body.finish()) return reply(request, *problem);
      auto verified = s.verifier->inspect(*token);
      if (!verified) {
        return kernel::json_response(
            200, boost::json::object{{"valid", false}, {"user_id", nullptr}, {"role", nullptr}, {"expires_at", nullptr}});
      }
      return kernel::json_response(200, boost::json::object{{"valid", true},
                                                            {"user_id", verified->principal.user_id},
                                                            {"role", kernel::role_name(verified->principal.role)},
                                                            {"expires_at", rfc3339(verified->expires_at)}});
    });
  });
}

}  // namespace emporium::user
