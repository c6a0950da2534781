#pragma once
// Everything the module's routes, subscribers and seed call, built once at
// start from the validated configuration.
#include <memory>

#include "cache_feed.hpp"
#include "catalog_config.hpp"
#include "catalog_reads.hpp"
#include "catalog_service.hpp"
#include "categories.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "emporium/user/users.hpp"
#include "product_view_feed.hpp"
#include "products.hpp"
#include "response_cache.hpp"
#include "reviews.hpp"

namespace emporium::catalog {

struct CatalogServices {
  CatalogServices(kernel::Database& db, kernel::Metrics& metrics, const CatalogConfig& settings,
                  std::shared_ptr<user::Users> user_directory)
      : config(settings),
        users(std::move(user_directory)),
        cache({config.cache_enabled, config.cache_max_bytes, config.cache_ttl}),
        feed(db.connection_string(), cache),
        reads(db, cache, metrics),
        products(db, cache),
        categories(db, cache),
        reviews(db, cache, users),
        catalog(std::make_shared<CatalogService>(db, cache)),
        views(std::make_shared<ProductViews>()) {}
  CatalogServices(const CatalogServices&) = delete;
  CatalogServices& operator=(const CatalogServices&) = delete;

  CatalogConfig config;
  std::shared_ptr<user::Users> users;
  ResponseCache cache;
  CacheFeedListener feed;
  CatalogReads reads;
  Products products;
  Categories categories;
  Reviews reviews;
  std::shared_ptr<CatalogService> catalog;
  std::shared_ptr<ProductViews> views;
};

}  // namespace emporium::catalog
