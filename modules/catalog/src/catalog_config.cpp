#include "catalog_config.hpp"

#include <string>

namespace emporium::catalog {
namespace {

kernel::Result<std::int64_t> bounded(const kernel::Config& config, const std::string& key, std::int64_t min,
                                     std::int64_t max) {
  const auto value = config.integer(key);
  if (value < min || value > max) {
    return kernel::Error{"config_bad_value", "config: " + key + " must be between " + std::to_string(min) + " and " +
                                                 std::to_string(max) + ", got " + std::to_string(value)};
  }
  return value;
}

}  // namespace

kernel::Result<CatalogConfig> read_catalog_config(const kernel::Config& config) {
  CatalogConfig out;
  out.cache_enabled = config.boolean("catalog.cache_enabled");
  auto max_bytes = bounded(config, "catalog.cache_max_bytes", 1 << 20, std::int64_t{64} << 30);
  if (!max_bytes) return max_bytes.error();
  out.cache_max_bytes = static_cast<std::size_t>(max_bytes.value());
  auto ttl = bounded(config, "catalog.cache_ttl_seconds", 1, 86400);
  if (!ttl) return ttl.error();
  out.cache_ttl = std::chrono::seconds(ttl.value());
  return out;
}

}  // namespace emporium::catalog
