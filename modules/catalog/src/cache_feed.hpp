#pragma once
// Cache invalidation across instances. Every change the catalog commits
// sends `NOTIFY emporium_catalog_cache, '<message>'` in its transaction
// (notify_cache_change); each instance LISTENs on its own connection and
// applies the message to its cache (CacheFeedListener).
//
// Staleness stays bounded: the listener pings the server every
// kPingInterval, and the cache is trusted only until one second after the
// last ping that was answered. PostgreSQL delivers the notifications of
// transactions that committed before a query ahead of that query's answer,
// so once a ping sent after a commit is answered, its invalidation has been
// applied. A broken connection stops the pings, the trust lapses and reads go
// to the database until the listener is back (and has emptied the cache).
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

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

class CacheFeedListener {
 public:
  static constexpr std::chrono::milliseconds kPingInterval{200};
  static constexpr std::chrono::milliseconds kTrustWindow{1000};

  CacheFeedListener(std::string connection_string, ResponseCache& cache);
  ~CacheFeedListener();
  CacheFeedListener(const CacheFeedListener&) = delete;
  CacheFeedListener& operator=(const CacheFeedListener&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::string connection_string_;
  ResponseCache& cache_;
  std::atomic<bool> stopping_{false};
  int wake_fd_ = -1;
  std::thread thread_;
};

}  // namespace emporium::catalog
