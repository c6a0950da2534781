#pragma once
// Everything between the socket and a handler, without the socket:
// request id, client address (X-Forwarded-For only from trusted proxies),
// rate limiting, CORS, routing (404/405), error mapping (500 never leaks),
// security headers, access log and metrics. The server calls prepare() on
// an IO thread, run() where the route says, and finish() on the IO thread.
#include <chrono>
#include <optional>
#include <string_view>

#include "emporium/kernel/http.hpp"
#include "emporium/kernel/kernel_config.hpp"
#include "emporium/kernel/metrics.hpp"
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/rate_limiter.hpp"
#include "emporium/kernel/router.hpp"

namespace emporium::kernel {

class HttpPipeline {
 public:
  using Clock = std::chrono::steady_clock;

  HttpPipeline(const KernelConfig& config, const Router& router, Metrics& metrics);

  // The route for a GET or HEAD whose path no route knows under any method:
  // the web pages (their files and client-side routes). Its pattern names it
  // in logs and metrics. Without one, such a request is a 404 problem.
  void set_fallback(Route route);

  struct Prepared {
    std::optional<http::Response> response;  // set: the request ends here
    const Route* route = nullptr;             // else: run this route
  };
  Prepared prepare(http::Request& request, std::string_view peer_address, bool secure);
  http::Response run(const Route& route, http::Request& request);
  // A response for a request the server refuses before routing (413, 431).
  http::Response reject(http::Request& request, std::string_view peer_address, bool secure, const Problem& problem);
  void finish(const http::Request& request, http::Response& response, Clock::time_point started);

  // prepare + run + finish on the calling thread (tests, tools).
  http::Response handle(http::Request& request, std::string_view peer_address = "127.0.0.1", bool secure = false);

  // Client address: the peer, or, when the peer is a trusted proxy, the
  // right-most X-Forwarded-For hop that is not itself a trusted proxy.
  static std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                     const std::vector<std::string>& trusted_proxies);
  // A sane incoming X-Request-Id (1..128 of [A-Za-z0-9._-]) is echoed.
  static bool acceptable_request_id(std::string_view id);

 private:
  // Client address, request id and TLS flag: what every response needs.
  void identify(http::Request& request, std::string_view peer_address, bool secure) const;
  void apply_cors(const http::Request& request, http::Response& response) const;
  std::optional<http::Response> preflight(http::Request& request, const RouteMatch& match) const;

  const KernelConfig& config_;
  const Router& router_;
  Metrics& metrics_;
  RateLimiter rate_limiter_;
  std::optional<Route> fallback_;
};

}  // namespace emporium::kernel
