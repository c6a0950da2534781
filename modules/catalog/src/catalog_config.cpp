#include "catalog_config.hpp"

namespace emporium::catalog {

kernel::Result<CatalogConfig> read_catalog_config(const kernel::Config& config) {
  CatalogConfig out;
  out.cache_enabled = config.boolean("catalog.cache_enabled");
  auto max_bytes = config.integer_between("catalog.cache_max_bytes", 1 << 20, std::int64_t{64} << 30);
  if (!max_bytes) return max_bytes.error();
  out.cache_max_bytes = static_cast<std::size_t>(max_bytes.value());
  auto ttl = config.integer_between("catalog.cache_ttl_seconds", 1, 86400);
  if (!ttl) return ttl.error();
  out.cache_ttl = std::chrono::seconds(ttl.value());
  return out;
}

}  // namespace emporium::catalog
