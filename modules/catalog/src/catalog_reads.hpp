#pragma once
// The public catalog reads, served from the response cache: a hit costs a
// hash lookup and no database work; a miss reads PostgreSQL and fills the
// cache (unless something changed meanwhile, see ResponseCache::ticket).
// Concurrent misses of one key share one database read ("single flight"),
// so an expired hot page is read once, not once per waiting request; a
// read that began before the latest invalidation is never shared.
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "listing_query.hpp"
#include "response_cache.hpp"

namespace emporium::catalog {

struct CachedRead {
  std::shared_ptr<const CachedResponse> response;
  bool hit = false;
};

class CatalogReads {
 public:
  CatalogReads(kernel::Database& db, ResponseCache& cache, kernel::Metrics& metrics);

  // 200 with the detail of an active product, or 404 (unknown or archived).
  CachedRead product(const std::string& id);
  CachedRead list(const ListingQuery& query);
  // 404 when `slug` names no category.
  CachedRead category_listing(const std::string& slug, const ListingQuery& query);
  CachedRead search(const SearchQuery& query);
  CachedRead categories();

 private:
  using Response = std::shared_ptr<const CachedResponse>;
  struct Flight {
    ResponseCache::Ticket ticket;
    std::shared_future<Response> result;
  };

  template <class Load>
  CachedRead cached(const std::string& key, ResponseCache::Kind kind, Load load);

  kernel::Database& db_;
  std::mutex flights_mutex_;
  std::unordered_map<std::string, Flight> flights_;
  ResponseCache& cache_;
  kernel::Counter& hits_;
  kernel::Counter& misses_;
};

}  // namespace emporium::catalog
