#include "operations_routes.hpp"

#include "emporium/kernel/log.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::app {

void add_operations_routes(kernel::Router& router, kernel::Database& db, const std::vector<kernel::Migration>& migrations,
                           const kernel::Metrics& metrics) {
  kernel::RouteOptions in_memory{"operations", kernel::RunsOn::io_thread};
  kernel::RouteOptions needs_database{"operations", kernel::RunsOn::worker_pool};

  router.add("GET", "/healthz", [](kernel::http::Request&) {
    return kernel::http::Response::json(200, R"({"status":"ok"})");
  }, in_memory);

  router.add("GET", "/readyz", [&db, &migrations](kernel::http::Request& request) {
    std::string reason;
    try {
      auto ready = db.with_session([&](soci::session& sql) { return kernel::migrations_up_to_date(sql, migrations); });
      if (ready && ready.value()) return kernel::http::Response::json(200, R"({"status":"ready"})");
      reason = ready ? "migrations_pending" : ready.error().code;
    } catch (const std::exception& e) {
      kernel::log::warn("kernel", "readiness check failed", {{"request_id", request.request_id}, {"error", e.what()}});
      reason = "database_unreachable";
    }
    return kernel::to_response(
        kernel::Problem{503, "not_ready", "Not ready", "The service is not ready: " + reason + ".", {}},
        request.request_id);
  }, needs_database);

  router.add("GET", "/metrics", [&metrics](kernel::http::Request&) {
    return kernel::http::Response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  }, in_memory);
}

}  // namespace emporium::app
