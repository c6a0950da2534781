#pragma once
// The catalog's cache invalidation across instances (kernel/cache_feed.hpp):
// every change the catalog commits sends its CacheChange on kCacheChannel
// (notify_cache_change), and each instance's listener applies it to its
// ResponseCache.
#include <optional>
#include <string>
#include <string_view>

#include "emporium/kernel/cache_feed.hpp"
#include "emporium/kernel/database.hpp"
#include "response_cache.hpp"

namespace emporium::catalog {

inline constexpr std::string_view kCacheChannel = "emporium_catalog_cache";

// The messages: what changed and therefore what to drop.
struct CacheChange {
  enum class Scope { product, stock, listings, all };
  Scope scope = Scope::all;
  std::string product_id;  // for product and stock

  static CacheChange product(std::string id) { return {Scope::product, std::move(id)}; }
  static CacheChange stock(std::string id) { return {Scope::stock, std::move(id)}; }
  static CacheChange listings() { return {Scope::listings, {}}; }
  static CacheChange everything() { return {Scope::all, {}}; }
};

std::string encode_cache_change(const CacheChange& change);
std::optional<CacheChange> decode_cache_change(std::string_view message);
// The detail key of a product in the cache.
std::string product_cache_key(std::string_view product_id);
// Applies a change to this instance's cache at once.
void apply_cache_change(ResponseCache& cache, const CacheChange& change);

// Inside a catalog transaction: tells every instance once it commits.
void notify_cache_change(kernel::Tx& tx, const CacheChange& change);

// The catalog's ResponseCache as fed by a kernel::CacheFeedListener.
class ResponseCacheFeed final : public kernel::FeedCache {
 public:
  explicit ResponseCacheFeed(ResponseCache& cache) : cache_(cache) {}
  void apply(std::string_view message) override;
  void trust_until(Clock::time_point until) override { cache_.trust_until(until); }
  void forget_all() override { cache_.invalidate_all(); }

 private:
  ResponseCache& cache_;
};

// This instance's listener for kCacheChannel, feeding `cache`.
class CacheFeedListener {
 public:
  CacheFeedListener(std::string connection_string, ResponseCache& cache);
  void start() { listener_.start(); }
  void stop() { listener_.stop(); }

 private:
  ResponseCacheFeed feed_;
  kernel::CacheFeedListener listener_;
};

}  // namespace emporium::catalog
