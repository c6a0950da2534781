#pragma once
// The kernel's typed settings, read and validated once from Config.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/log.hpp"

namespace emporium::kernel {

struct RateLimit {
  double per_second = 0;  // 0 disables the class
  double burst = 0;
};

struct KernelConfig {
  std::string listen_host;
  std::uint16_t listen_port = 0;
  std::string database_url;  // empty: start the embedded server
  std::string data_dir;
  log::Level log_level = log::Level::info;
  int io_threads = 1;
  int db_pool_size = 8;

  std::size_t body_limit_bytes = 1 << 20;
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds idle_timeout{60000};
  std::chrono::milliseconds shutdown_timeout{10000};
  std::vector<std::string> cors_origins;
  std::vector<std::string> trusted_proxies;
  std::map<std::string, RateLimit> rate_limits;  // by route class

  std::string tls_cert;
  std::string tls_key;

  std::string postgres_bin_dir;

  std::chrono::milliseconds outbox_poll_interval{1000};
  int outbox_max_attempts = 8;
  // Outboxes relayed and subscribers served at the same time.
  int outbox_workers = 4;
  std::chrono::milliseconds outbox_backoff_base{500};
  std::chrono::milliseconds outbox_backoff_max{300000};
};

// Fails with a one-line message naming the bad key.
Result<KernelConfig> read_kernel_config(const Config& config);

}  // namespace emporium::kernel
