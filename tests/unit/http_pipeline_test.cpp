#include <doctest/doctest.h>

#include "emporium/kernel/http_pipeline.hpp"

using namespace emporium::kernel;

namespace {

struct PipelineFixture {
  KernelConfig config;
  Router router;
  Metrics metrics;
  std::unique_ptr<HttpPipeline> pipeline;

  explicit PipelineFixture(std::map<std::string, RateLimit> limits = {}) {
    config.rate_limits = std::move(limits);
    config.cors_origins = {"https://shop.example"};
    config.trusted_proxies = {"10.0.0.1"};
    router.add("GET", "/items/{id}", [](http::Request& request) {
      return http::Response::json(200, "{\"id\":\"" + std::string(request.param("id")) + "\"}");
    });
    router.add("GET", "/boom", [](http::Request&) -> http::Response { throw std::runtime_error("secret detail"); });
    pipeline = std::make_unique<HttpPipeline>(config, router, metrics);
  }

  http::Response call(std::string method, std::string target, http::Headers headers = {},
                      std::string peer = "127.0.0.1") {
    http::Request request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.headers = std::move(headers);
    return pipeline->handle(request, peer);
  }
};

}  // namespace

TEST_CASE("pipeline routes with decoded path parameters and query") {
  PipelineFixture f;
  auto response = f.call("GET", "/items/a%20b?x=1");
  CHECK(response.status == 200);
  CHECK(response.body == R"({"id":"a b"})");
}

TEST_CASE("pipeline answers unknown paths with a 404 problem and wrong methods with 405 and Allow") {
  PipelineFixture f;
  auto missing = f.call("GET", "/nowhere");
  CHECK(missing.status == 404);
  CHECK(missing.header("Content-Type") == "application/problem+json");
  CHECK(missing.body.find(R"("code":"not_found")") != std::string::npos);

  auto wrong = f.call("DELETE", "/items/1");
  CHECK(wrong.status == 405);
  CHECK(wrong.header("Allow") == "GET, HEAD");
}

TEST_CASE("pipeline turns an exception into a 500 that does not leak its message") {
  PipelineFixture f;
  auto response = f.call("GET", "/boom", {{"X-Request-Id", "req-123"}});
  CHECK(response.status == 500);
  CHECK(response.body.find("internal_error") != std::string::npos);
  CHECK(response.body.find("req-123") != std::string::npos);
  CHECK(response.body.find("secret detail") == std::string::npos);
}

TEST_CASE("pipeline echoes a sane request id and replaces an unsafe one") {
  PipelineFixture f;
  CHECK(f.call("GET", "/items/1", {{"X-Request-Id", "abc-123_x.y"}}).header("X-Request-Id") == "abc-123_x.y");
  auto replaced = f.call("GET", "/items/1", {{"X-Request-Id", "bad id\r\nSet-Cookie: x"}});
  CHECK(replaced.header("X-Request-Id") != "bad id\r\nSet-Cookie: x");
  CHECK(replaced.header("X-Request-Id")->size() == 24);
}

TEST_CASE("pipeline sets security headers on every response") {
  PipelineFixture f;
  for (const auto& response : {f.call("GET", "/items/1"), f.call("GET", "/nowhere")}) {
    CHECK(response.header("X-Content-Type-Options") == "nosniff");
    CHECK(response.header("X-Frame-Options") == "DENY");
    CHECK(response.header("Referrer-Policy"));
    CHECK(response.header("Content-Security-Policy"));
    CHECK_FALSE(response.header("Strict-Transport-Security"));
  }
}

TEST_CASE("pipeline adds CORS headers only for allowed origins and answers preflight") {
  PipelineFixture f;
  auto allowed = f.call("GET", "/items/1", {{"Origin", "https://shop.example"}});
  CHECK(allowed.header("Access-Control-Allow-Origin") == "https://shop.example");
  CHECK(allowed.header("Vary") == "Origin");
  auto other = f.call("GET", "/items/1", {{"Origin", "https://evil.example"}});
  CHECK_FALSE(other.header("Access-Control-Allow-Origin"));

  auto preflight = f.call("OPTIONS", "/items/1",
                          {{"Origin", "https://shop.example"}, {"Access-Control-Request-Method", "GET"}});
  CHECK(preflight.status == 204);
  CHECK(preflight.header("Access-Control-Allow-Methods") == "GET, HEAD");
  CHECK(preflight.header("Access-Control-Allow-Origin") == "https://shop.example");
}

TEST_CASE("pipeline rate limits per client with Retry-After") {
  PipelineFixture f({{"default", RateLimit{1.0, 2.0}}});
  CHECK(f.call("GET", "/items/1").status == 200);
  CHECK(f.call("GET", "/items/1").status == 200);
  auto limited = f.call("GET", "/items/1");
  CHECK(limited.status == 429);
  CHECK(limited.header("Retry-After") == "1");
  CHECK(limited.body.find("rate_limited") != std::string::npos);
  CHECK(f.call("GET", "/items/1", {}, "192.0.2.7").status == 200);  // another client
}

TEST_CASE("client address comes from X-Forwarded-For only behind a trusted proxy") {
  std::vector<std::string> trusted{"10.0.0.1", "10.0.0.2"};
  CHECK(HttpPipeline::client_address("203.0.113.9", "1.2.3.4", trusted) == "203.0.113.9");
  CHECK(HttpPipeline::client_address("10.0.0.1", "1.2.3.4", trusted) == "1.2.3.4");
  // The left-most entries were written by the client: take the right-most untrusted hop.
  CHECK(HttpPipeline::client_address("10.0.0.1", "6.6.6.6, 1.2.3.4, 10.0.0.2", trusted) == "1.2.3.4");
  CHECK(HttpPipeline::client_address("10.0.0.1", std::nullopt, trusted) == "10.0.0.1");
}

TEST_CASE("pipeline records request metrics by route pattern, method and status") {
  PipelineFixture f;
  f.call("GET", "/items/1");
  f.call("GET", "/items/2");
  f.call("GET", "/nowhere");
  auto text = f.metrics.render();
  CHECK(text.find(R"(emporium_http_requests_total{route="/items/{id}",method="GET",status="200"} 2)") !=
        std::string::npos);
  CHECK(text.find(R"(emporium_http_requests_total{route="<unmatched>",method="GET",status="404"} 1)") !=
        std::string::npos);
  CHECK(text.find(R"(emporium_http_request_duration_seconds_count{route="/items/{id}",method="GET",status="200"} 2)") !=
        std::string::npos);
}

TEST_CASE("X-Forwarded-Proto marks a request secure only from a trusted proxy") {
  PipelineFixture f;
  auto proxied = f.call("GET", "/items/1", {{"X-Forwarded-Proto", "https"}}, "10.0.0.1");
  CHECK(proxied.header("Strict-Transport-Security"));
  auto spoofed = f.call("GET", "/items/1", {{"X-Forwarded-Proto", "https"}}, "203.0.113.9");
  CHECK_FALSE(spoofed.header("Strict-Transport-Security"));
}

TEST_CASE("pipeline sends GET and HEAD of unknown paths to the fallback, and nothing else") {
  PipelineFixture f;
  f.router.add("POST", "/things", [](http::Request&) { return http::Response::empty(201); });
  f.pipeline->set_fallback(Route{"GET", "<web>", {}, [](http::Request& request) {
                                   return http::Response::text(200, "page " + request.path, "text/html; charset=utf-8");
                                 }, {}});
  auto page = f.call("GET", "/products/p1");
  CHECK(page.status == 200);
  CHECK(page.body == "page /products/p1");
  CHECK(page.header("Content-Security-Policy").value_or("").find("script-src 'self'") != std::string_view::npos);
  CHECK(f.call("HEAD", "/").status == 200);
  CHECK(f.call("GET", "/items/7").body == R"({"id":"7"})");  // a real route wins
  CHECK(f.call("POST", "/nowhere").status == 404);           // only GET and HEAD
  auto wrong = f.call("GET", "/things");                     // the path exists with another method
  CHECK(wrong.status == 405);
  CHECK(wrong.header("Allow") == "POST");
}
