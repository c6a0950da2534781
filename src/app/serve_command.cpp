// `emporium serve`: the whole shop in one process.
#include <iostream>

#include "commands.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"
#include "emporium/kernel/http_pipeline.hpp"
#include "emporium/kernel/http_server.hpp"
#include "emporium/kernel/log.hpp"
#include "emporium/kernel/metrics.hpp"
#include "emporium/kernel/outbox_dispatcher.hpp"
#include "event_admin_routes.hpp"
#include "module_host.hpp"
#include "operations_routes.hpp"
#include "runtime.hpp"
#include "web_routes.hpp"

namespace emporium::app {
namespace {

void add_kernel_gauges(kernel::Metrics& metrics, const kernel::Database& db, const kernel::OutboxDispatcher& dispatcher,
                       const kernel::HttpServer& server) {
  metrics.add_gauge("emporium_db_pool_size", "Database connections in the pool.",
                    [&db] { return static_cast<double>(db.pool_size()); });
  metrics.add_gauge("emporium_db_pool_in_use", "Database connections leased right now.",
                    [&db] { return static_cast<double>(db.in_use()); });
  metrics.add_gauge("emporium_db_pool_waits", "Leases that had to wait for a free connection since start.",
                    [&db] { return static_cast<double>(db.waits()); });
  metrics.add_gauge("emporium_outbox_backlog", "Outbox events not yet relayed to subscribers.",
                    [&dispatcher] { return static_cast<double>(dispatcher.last_backlog().unrelayed); });
  metrics.add_gauge("emporium_event_deliveries_pending", "Event deliveries waiting or being retried.",
                    [&dispatcher] { return static_cast<double>(dispatcher.last_backlog().pending); });
  metrics.add_gauge("emporium_event_deliveries_parked", "Event deliveries parked after their last attempt.",
                    [&dispatcher] { return static_cast<double>(dispatcher.last_backlog().parked); });
  metrics.add_gauge("emporium_http_in_flight", "HTTP requests being handled.",
                    [&server] { return static_cast<double>(server.in_flight()); });
}

int serve(const ParsedArgs& args) {
  auto loaded = load_config(args.get("config"), args.config_overrides);
  if (!loaded) {
    std::cerr << "emporium: " << loaded.error().message << "\n";
    return 2;
  }
  const auto& config = loaded->kernel;
  auto migrations = embedded_migrations();
  if (!migrations) {
    std::cerr << "emporium: " << migrations.error().message << "\n";
    return 1;
  }
  DatabaseServer database_server;
  auto applied = start_migrated(database_server, config);
  if (!applied) {
    std::cerr << "emporium: " << applied.error().message << "\n";
    database_server.stop();
    return 1;
  }
  kernel::log::info("kernel", "migrations applied", {{"applied", static_cast<std::int64_t>(applied->applied)}});
  int exit_code = 0;
  try {
    // The dispatcher's threads hold connections of their own besides the
    // HTTP workers': one each, and one more for a handler that calls
    // another module's interface.
    ModuleHost host(loaded->config, database_server.connection_string(),
                    static_cast<std::size_t>(config.db_pool_size + 2 * config.outbox_workers));
    host.start();
    if (args.has("demo-data")) host.seed_demo_data({});
    auto& db = host.db();
    auto& router = host.router();
    auto& metrics = host.metrics();
    add_operations_routes(router, db, migrations.value(), metrics);

    kernel::DispatcherOptions dispatcher_options;
    dispatcher_options.poll_interval = config.outbox_poll_interval;
    dispatcher_options.max_attempts = config.outbox_max_attempts;
    dispatcher_options.backoff_base = config.outbox_backoff_base;
    dispatcher_options.backoff_max = config.outbox_backoff_max;
    dispatcher_options.workers = config.outbox_workers;
    kernel::OutboxDispatcher dispatcher(db, host.bus(), dispatcher_options);
    add_event_admin_routes(router, host.auth(), dispatcher);

    const WebPages web_pages(generated::embedded_web());
    kernel::HttpPipeline pipeline(config, router, metrics);
    pipeline.set_fallback(web_pages_route(web_pages));
    kernel::HttpServer server(config, pipeline);
    if (auto listening = server.listen(); !listening) {
      std::cerr << "emporium: " << listening.error().message << "\n";
      exit_code = 1;
    } else {
      add_kernel_gauges(metrics, db, dispatcher, server);
      dispatcher.start();
      std::string scheme = config.tls_cert.empty() ? "http" : "https";
      kernel::log::info("kernel", "listening",
                        {{"url", scheme + "://" + config.listen_host + ":" + std::to_string(server.port())},
                         {"io_threads", static_cast<std::int64_t>(config.io_threads)},
                         {"workers", static_cast<std::int64_t>(config.db_pool_size)}});
      server.run(true);
      kernel::log::info("kernel", "HTTP server drained; flushing events");
      dispatcher.stop(config.shutdown_timeout);
      host.stop();
    }
  } catch (const std::exception& e) {
    kernel::log::error("kernel", "fatal error", {{"error", e.what()}});
    exit_code = 1;
  }
  database_server.stop();
  kernel::log::info("kernel", "stopped", {{"exit_code", static_cast<std::int64_t>(exit_code)}});
  return exit_code;
}

int migrate(const ParsedArgs& args) {
  auto loaded = load_config(args.get("config"), args.config_overrides);
  if (!loaded) {
    std::cerr << "emporium: " << loaded.error().message << "\n";
    return 2;
  }
  DatabaseServer database_server;
  auto applied = start_migrated(database_server, loaded->kernel);
  database_server.stop();
  if (!applied) {
    std::cerr << "emporium: " << applied.error().message << "\n";
    return 1;
  }
  std::cout << "migrations: " << applied->applied << " applied, " << applied->already_applied
            << " already applied\n";
  return 0;
}

}  // namespace

FlagSpec config_flag() { return {"config", "FILE", "JSON config file overlaid on the defaults (env EMPORIUM_CONFIG)", ""}; }
FlagSpec database_url_flag() {
  return {"database-url", "URL", "PostgreSQL URL; empty starts the embedded server (env EMPORIUM_DATABASE_URL)",
          "database_url"};
}
FlagSpec data_dir_flag() {
  return {"data-dir", "DIR", "embedded database, keys, dev mail and files (env EMPORIUM_DATA_DIR)", "data_dir"};
}

void add_commands(CommandLine& command_line) {
  command_line.add({"serve",
                    "Serve the shop over HTTP; with no database URL, start a private PostgreSQL server too.",
                    {config_flag(),
                     {"listen", "HOST:PORT", "HTTP address (env EMPORIUM_LISTEN, default 127.0.0.1:8080)", "listen"},
                     database_url_flag(),
                     data_dir_flag(),
                     {"demo-data", "", "load demo data on first start", ""}},
                    serve});
  command_line.add({"migrate", "Apply pending database migrations and exit.",
                    {config_flag(), database_url_flag(), data_dir_flag()}, migrate});
  add_user_commands(command_line);
  add_seed_command(command_line);
  add_analytics_commands(command_line);
}

}  // namespace emporium::app
