#include "emporium/kernel/http_pipeline.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <random>

#include "emporium/kernel/async_commits.hpp"
#include "emporium/kernel/log.hpp"

namespace emporium::kernel {
namespace {

constexpr std::string_view kUnmatchedRoute = "<unmatched>";

std::string generate_request_id() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(24, '0');
  for (auto& c : id) c = kHex[engine() & 0xF];
  return id;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

bool contains(const std::vector<std::string>& items, std::string_view value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

bool parse_target(http::Request& request) {
  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed) return false;
  request.path = std::string(parsed->path());
  if (request.path.empty()) request.path = "/";
  request.query.clear();
  for (auto param : parsed->params()) {
    request.query.emplace_back(param.key, param.has_value ? param.value : std::string());
  }
  return true;
}

}  // namespace

HttpPipeline::HttpPipeline(const KernelConfig& config, const Router& router, Metrics& metrics)
    : config_(config), router_(router), metrics_(metrics), rate_limiter_(config.rate_limits) {}

bool HttpPipeline::acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

std::string HttpPipeline::client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                         const std::vector<std::string>& trusted_proxies) {
  if (!forwarded_for || !contains(trusted_proxies, peer)) return std::string(peer);
  // Walk from the right: each hop was appended by the proxy before it. The
  // first hop that is not one of our proxies is the client; anything further
  // left was written by the client and cannot be trusted.
  std::string_view list = *forwarded_for;
  std::string candidate(peer);
  while (!list.empty()) {
    auto comma = list.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? list : list.substr(comma + 1);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(0, comma);
    while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
    while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
    if (hop.empty()) break;
    candidate = std::string(hop);
    if (!contains(trusted_proxies, hop)) break;
  }
  return candidate;
}

void HttpPipeline::identify(http::Request& request, std::string_view peer_address, bool secure) const {
  // Behind a trusted TLS-terminating proxy the client's scheme comes from
  // X-Forwarded-Proto; from anyone else the header is ignored.
  auto forwarded_proto = request.header("X-Forwarded-Proto");
  bool proxied_https = forwarded_proto && http::iequals(*forwarded_proto, "https") &&
                       contains(config_.trusted_proxies, peer_address);
  request.secure = secure || proxied_https;
  request.client_address = client_address(peer_address, request.header("X-Forwarded-For"), config_.trusted_proxies);
  auto incoming_id = request.header("X-Request-Id");
  request.request_id = incoming_id && acceptable_request_id(*incoming_id) ? std::string(*incoming_id)
                                                                          : generate_request_id();
  request.route = std::string(kUnmatchedRoute);
}

void HttpPipeline::set_fallback(Route route) { fallback_ = std::move(route); }

HttpPipeline::Prepared HttpPipeline::prepare(http::Request& request, std::string_view peer_address, bool secure) {
  identify(request, peer_address, secure);

  if (!parse_target(request)) {
    return {to_response(Problem::bad_request("malformed_target", "The request target is not a valid URL path."),
                        request.request_id)};
  }

  RouteMatch match = router_.match(request.method, request.path);
  if (match.route == nullptr && match.allowed_methods.empty() && fallback_ &&
      (request.method == "GET" || request.method == "HEAD")) {
    match.route = &*fallback_;
  }
  if (match.route != nullptr) request.route = match.route->pattern;

  std::string_view rate_class = match.route != nullptr ? std::string_view(match.route->options.rate_class) : "default";
  if (int retry_after = rate_limiter_.acquire(request.client_address, rate_class); retry_after > 0) {
    auto response = to_response(
        Problem{429, "rate_limited", "Too many requests", "Slow down and retry after the given number of seconds.", {}},
        request.request_id);
    response.set_header("Retry-After", std::to_string(retry_after));
    return {std::move(response)};
  }

  if (request.method == "OPTIONS" && request.header("Origin") && request.header("Access-Control-Request-Method")) {
    return {preflight(request, match)};
  }
  if (match.route == nullptr) {
    if (!match.allowed_methods.empty()) {
      auto response = to_response(Problem{405, "method_not_allowed", "Method not allowed",
                                          request.method + " is not supported here.", {}},
                                  request.request_id);
      response.set_header("Allow", join(match.allowed_methods, ", "));
      return {std::move(response)};
    }
    return {to_response(Problem::not_found("No resource at " + request.path + "."), request.request_id)};
  }
  request.path_params = std::move(match.params);
  return {std::nullopt, match.route};
}

std::optional<http::Response> HttpPipeline::preflight(http::Request& request, const RouteMatch& match) const {
  std::vector<std::string> methods = match.allowed_methods;
  if (match.route != nullptr) methods.push_back(match.route->method);
  if (methods.empty()) return to_response(Problem::not_found("No resource at " + request.path + "."), request.request_id);
  auto response = http::Response::empty(204);
  auto origin = std::string(*request.header("Origin"));
  if (contains(config_.cors_origins, origin)) {
    response.set_header("Access-Control-Allow-Methods", join(methods, ", "));
    response.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, X-Request-Id");
    response.set_header("Access-Control-Max-Age", "600");
  }
  return response;
}

http::Response HttpPipeline::run(const Route& route, http::Request& request) {
  try {
    http::Response response = route.handler(request);
    // Whatever the handler committed without waiting for the WAL flush
    // (AsyncCommits) is on disk before the client hears of it.
    flush_async_commits();
    return response;
  } catch (const std::exception& e) {
    log::error("kernel", "unhandled exception in handler",
               {{"request_id", request.request_id}, {"route", request.route}, {"error", e.what()}});
  } catch (...) {
    log::error("kernel", "unhandled non-standard exception in handler",
               {{"request_id", request.request_id}, {"route", request.route}});
  }
  return to_response(Problem{500, "internal_error", "Internal server error",
                             "Something went wrong on our side. Quote the request id when you report it.", {}},
                     request.request_id);
}

http::Response HttpPipeline::reject(http::Request& request, std::string_view peer_address, bool secure,
                                    const Problem& problem) {
  identify(request, peer_address, secure);
  return to_response(problem, request.request_id);
}

void HttpPipeline::apply_cors(const http::Request& request, http::Response& response) const {
  auto origin = request.header("Origin");
  if (!origin || !contains(config_.cors_origins, *origin)) return;
  response.set_header("Access-Control-Allow-Origin", *origin);
  response.set_header("Access-Control-Allow-Credentials", "true");
  response.set_header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
  response.set_header("Vary", "Origin");
}

void HttpPipeline::finish(const http::Request& request, http::Response& response, Clock::time_point started) {
  response.set_header("X-Request-Id", request.request_id);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
  if (!response.header("Content-Security-Policy")) {
    auto type = response.header("Content-Type").value_or("");
    response.set_header("Content-Security-Policy",
                        type.starts_with("text/html")
                            ? "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                              "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
                            : "default-src 'none'; frame-ancestors 'none'");
  }
  if (request.secure) response.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (!response.header("Cache-Control")) response.set_header("Cache-Control", "no-store");
  apply_cors(request, response);

  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  metrics_.observe_request(request.route, request.method, response.status, seconds);
  log::info("http", "request",
            {{"request_id", request.request_id},
             {"method", request.method},
             {"route", request.route},
             {"status", static_cast<std::int64_t>(response.status)},
             {"duration_us", static_cast<std::int64_t>(seconds * 1e6)},
             {"client", request.client_address}});
}

http::Response HttpPipeline::handle(http::Request& request, std::string_view peer_address, bool secure) {
  auto started = Clock::now();
  auto prepared = prepare(request, peer_address, secure);
  http::Response response = prepared.response ? std::move(*prepared.response) : run(*prepared.route, request);
  finish(request, response, started);
  return response;
}

}  // namespace emporium::kernel
