#include <doctest/doctest.h>

#include "emporium/kernel/metrics.hpp"

using namespace emporium::kernel;

TEST_CASE("metrics histogram buckets are cumulative") {
  Metrics metrics;
  metrics.observe_request("/a", "GET", 200, 0.003);
  metrics.observe_request("/a", "GET", 200, 0.2);
  auto text = metrics.render();
  CHECK(text.find(R"(emporium_http_request_duration_seconds_bucket{route="/a",method="GET",status="200",le="0.001"} 0)") !=
        std::string::npos);
  CHECK(text.find(R"(emporium_http_request_duration_seconds_bucket{route="/a",method="GET",status="200",le="0.005"} 1)") !=
        std::string::npos);
  CHECK(text.find(R"(emporium_http_request_duration_seconds_bucket{route="/a",method="GET",status="200",le="0.25"} 2)") !=
        std::string::npos);
  CHECK(text.find(R"(emporium_http_request_duration_seconds_bucket{route="/a",method="GET",status="200",le="+Inf"} 2)") !=
        std::string::npos);
}

TEST_CASE("metrics render gauges and counters with help and type lines") {
  Metrics metrics;
  metrics.add_gauge("emporium_test_gauge", "A test gauge.", [] { return 7.0; });
  metrics.counter("emporium_orders_placed_total", "Orders placed.").increment();
  metrics.counter("emporium_orders_placed_total", "Orders placed.").increment(2);
  auto text = metrics.render();
  CHECK(text.find("# TYPE emporium_test_gauge gauge\nemporium_test_gauge 7\n") != std::string::npos);
  CHECK(text.find("# TYPE emporium_orders_placed_total counter\nemporium_orders_placed_total 3\n") !=
        std::string::npos);
}

TEST_CASE("metrics counters named with labels share one help and type line per family") {
  Metrics metrics;
  metrics.counter(R"(emporium_checkout_failures_total{reason="insufficient_stock"})", "Failed checkouts.").increment();
  metrics.counter(R"(emporium_checkout_failures_total{reason="payment_declined"})", "Failed checkouts.").increment(2);
  auto text = metrics.render();
  CHECK(text.find("# TYPE emporium_checkout_failures_total counter\n") != std::string::npos);
  CHECK(text.find("# TYPE emporium_checkout_failures_total counter\n") ==
        text.rfind("# TYPE emporium_checkout_failures_total counter\n"));
  CHECK(text.find("emporium_checkout_failures_total{reason=\"payment_declined\"} 2\n") != std::string::npos);
  CHECK(text.find("# TYPE emporium_checkout_failures_total{") == std::string::npos);
}
