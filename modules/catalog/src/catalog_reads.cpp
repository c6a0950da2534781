#include "catalog_reads.hpp"

#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "category_store.hpp"
#include "category_tree.hpp"
#include "product_json.hpp"
#include "product_store.hpp"
#include "search_store.hpp"

namespace emporium::catalog {
namespace {

std::shared_ptr<const CachedResponse> ok(std::string body) {
  return std::make_shared<const CachedResponse>(CachedResponse{200, std::move(body), {}});
}

std::shared_ptr<const CachedResponse> not_found() {
  return std::make_shared<const CachedResponse>(CachedResponse{404, {}, {}});
}

}  // namespace

CatalogReads::CatalogReads(kernel::Database& db, ResponseCache& cache, kernel::Metrics& metrics)
    : db_(db),
      cache_(cache),
      hits_(metrics.counter("emporium_catalog_cache_hits_total", "Catalog reads answered from the response cache.")),
      misses_(metrics.counter("emporium_catalog_cache_misses_total", "Catalog reads that went to the database.")) {}

template <class Load>
CachedRead CatalogReads::cached(const std::string& key, ResponseCache::Kind kind, Load load) {
  if (auto response = cache_.get(key, kind)) {
    hits_.increment();
    return {std::move(response), true};
  }
  misses_.increment();
  const auto ticket = cache_.ticket(kind);
  std::promise<Response> promise;
  {
    std::unique_lock lock(flights_mutex_);
    auto found = flights_.find(key);
    if (found != flights_.end() && found->second.ticket.epoch == ticket.epoch) {
      auto result = found->second.result;
      lock.unlock();
      return {result.get(), false};
    }
    flights_[key] = {ticket, promise.get_future().share()};
  }
  const auto land = [&] {
    std::lock_guard lock(flights_mutex_);
    auto found = flights_.find(key);
    if (found != flights_.end() && found->second.ticket.epoch == ticket.epoch) flights_.erase(found);
  };
  try {
    Response response = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return load(tx); });
    cache_.put(key, kind, response, ticket);
    promise.set_value(response);
    land();
    return {std::move(response), false};
  } catch (...) {
    promise.set_exception(std::current_exception());
    land();
    throw;
  }
}

CachedRead CatalogReads::product(const std::string& id) {
  return cached(product_cache_key(id), ResponseCache::Kind::product, [&](kernel::Tx& tx) {
    auto product = ProductStore(tx).find(id);
    return product && product->active() ? ok(product_body(*product)) : not_found();
  });
}

CachedRead CatalogReads::list(const ListingQuery& query) {
  return cached(cache_key(query), ResponseCache::Kind::listing, [&](kernel::Tx& tx) {
    return ok(summaries_body(ProductStore(tx).list(query), query.page));
  });
}

CachedRead CatalogReads::category_listing(const std::string& slug, const ListingQuery& query) {
  auto scoped = query;
  scoped.category = slug;
  return cached("category:" + cache_key(scoped), ResponseCache::Kind::listing, [&](kernel::Tx& tx) {
    if (!CategoryStore(tx).find_by_reference(slug)) return not_found();
    return ok(summaries_body(ProductStore(tx).list(scoped), scoped.page));
  });
}

CachedRead CatalogReads::search(const SearchQuery& query) {
  return cached(cache_key(query), ResponseCache::Kind::listing, [&](kernel::Tx& tx) {
    return ok(summaries_body(SearchStore(tx).search(query), query.page));
  });
}

CachedRead CatalogReads::categories() {
  return cached("categories", ResponseCache::Kind::listing, [&](kernel::Tx& tx) {
    return ok(category_tree_body(build_category_tree(CategoryStore(tx).all())));
  });
}

}  // namespace emporium::catalog
