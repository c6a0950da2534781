#include "emporium/kernel/kernel_config.hpp"

#include <boost/json/value.hpp>

#include <charconv>
#include <thread>

namespace emporium::kernel {
namespace {

Error bad(const std::string& key, const std::string& why) {
  return Error{"config_bad_value", "config: " + key + " " + why};
}

// "host:port"; the host may be a bracketed IPv6 literal.
bool split_listen(const std::string& listen, std::string& host, std::uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string_view digits(listen.data() + colon + 1, listen.size() - colon - 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

Result<std::chrono::milliseconds> positive_ms(const Config& config, const std::string& key) {
  auto value = config.integer(key);
  if (value <= 0) return bad(key, "must be a positive number of milliseconds");
  return std::chrono::milliseconds(value);
}

}  // namespace

Result<KernelConfig> read_kernel_config(const Config& config) {
  KernelConfig out;
  if (!split_listen(config.string("listen"), out.listen_host, out.listen_port)) {
    return bad("listen", "must be HOST:PORT, got '" + config.string("listen") + "'");
  }
  out.database_url = config.string("database_url");
  out.data_dir = config.string("data_dir");
  if (out.data_dir.empty()) return bad("data_dir", "must not be empty");
  if (!log::parse_level(config.string("log_level"), out.log_level)) {
    return bad("log_level", "must be one of debug, info, warn, error");
  }
  auto io_threads = config.integer("io_threads");
  if (io_threads < 0 || io_threads > 256) return bad("io_threads", "must be 0 (one per core) to 256");
  out.io_threads = io_threads == 0 ? static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))
                                   : static_cast<int>(io_threads);
  auto pool = config.integer("db_pool_size");
  if (pool < 1 || pool > 1000) return bad("db_pool_size", "must be 1 to 1000");
  out.db_pool_size = static_cast<int>(pool);

  auto body_limit = config.integer("http.body_limit_bytes");
  if (body_limit < 1) return bad("http.body_limit_bytes", "must be positive");
  out.body_limit_bytes = static_cast<std::size_t>(body_limit);
  for (auto [key, target] : {std::pair{"http.header_timeout_ms", &out.header_timeout},
                             std::pair{"http.idle_timeout_ms", &out.idle_timeout},
                             std::pair{"http.shutdown_timeout_ms", &out.shutdown_timeout},
                             std::pair{"outbox.poll_interval_ms", &out.outbox_poll_interval},
                             std::pair{"outbox.backoff_base_ms", &out.outbox_backoff_base},
                             std::pair{"outbox.backoff_max_ms", &out.outbox_backoff_max}}) {
    auto value = positive_ms(config, key);
    if (!value) return value.error();
    *target = value.value();
  }
  out.cors_origins = config.strings("http.cors_origins");
  out.trusted_proxies = config.strings("http.trusted_proxies");

  for (const auto& [name, value] : config.at("rate_limits").as_object()) {
    std::string key = "rate_limits." + std::string(name);
    RateLimit limit{config.number(key + ".per_second"), config.number(key + ".burst")};
    if (limit.per_second < 0) return bad(key + ".per_second", "must not be negative");
    if (limit.per_second > 0 && limit.burst < 1) return bad(key + ".burst", "must be at least 1");
    out.rate_limits.emplace(std::string(name), limit);
  }

  out.tls_cert = config.string("tls.cert");
  out.tls_key = config.string("tls.key");
  if (out.tls_cert.empty() != out.tls_key.empty()) {
    return bad(out.tls_cert.empty() ? "tls.cert" : "tls.key", "must be set together with the other TLS file");
  }
  out.postgres_bin_dir = config.string("postgres.bin_dir");

  auto attempts = config.integer("outbox.max_attempts");
  if (attempts < 1 || attempts > 100) return bad("outbox.max_attempts", "must be 1 to 100");
  out.outbox_max_attempts = static_cast<int>(attempts);
  auto workers = config.integer("outbox.workers");
  if (workers < 1 || workers > 64) return bad("outbox.workers", "must be 1 to 64");
  out.outbox_workers = static_cast<int>(workers);
  return out;
}

}  // namespace emporium::kernel
