#pragma once
// The catalog's settings: the `catalog` block of config/emporium.json, read
// and validated once at start with a message that names the bad key.
#include <chrono>
#include <cstddef>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::catalog {

struct CatalogConfig {
  bool cache_enabled = true;
  std::size_t cache_max_bytes = 64u << 20;
  std::chrono::milliseconds cache_ttl{std::chrono::minutes(5)};
};

kernel::Result<CatalogConfig> read_catalog_config(const kernel::Config& config);

}  // namespace emporium::catalog
