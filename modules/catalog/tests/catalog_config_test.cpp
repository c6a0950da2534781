// The catalog block of the configuration.
#include <doctest/doctest.h>

#include "catalog/src/catalog_config.hpp"

using namespace emporium;
using namespace emporium::catalog;

namespace {

kernel::Result<CatalogConfig> read(const std::string& file_text) {
  auto config = kernel::Config::from_defaults(kernel::Config::defaults(), file_text,
                                              [](const std::string&) { return std::optional<std::string>(); }, {});
  REQUIRE(config);
  return read_catalog_config(config.value());
}

}  // namespace

TEST_CASE("the catalog's defaults: a 64 MiB cache whose entries live at most five minutes") {
  auto config = read("");
  REQUIRE(config);
  CHECK(config->cache_enabled);
  CHECK(config->cache_max_bytes == 64u << 20);
  CHECK(config->cache_ttl == std::chrono::seconds(300));
}

TEST_CASE("a catalog setting out of range is refused with its key") {
  auto small = read(R"({"catalog": {"cache_max_bytes": 1000}})");
  REQUIRE_FALSE(small);
  CHECK(small.error().message.find("catalog.cache_max_bytes") != std::string::npos);
  auto ttl = read(R"({"catalog": {"cache_ttl_seconds": 0}})");
  REQUIRE_FALSE(ttl);
  CHECK(ttl.error().message.find("catalog.cache_ttl_seconds") != std::string::npos);
  auto off = read(R"({"catalog": {"cache_enabled": false}})");
  REQUIRE(off);
  CHECK_FALSE(off->cache_enabled);
}
