#pragma once
// The in-process cache of catalog read responses (product detail, list
// pages, search results, the category tree), as finished JSON bodies, and
// of the variant lookups other modules make through the Catalog interface.
//
// - Bounded: a byte budget split over shards, each an LRU list.
// - Invalidated by events: a product change drops its detail and every
//   listing (listings carry a generation, so dropping them all is one
//   increment); a stock change drops the detail only.
// - No stale fill: a reader takes a ticket before it reads the database and
//   its put is dropped if any invalidation happened since.
// - Trusted only while the invalidation feed from other instances is known
//   to be alive (trust_until): when it is not, every read goes to the
//   database, so staleness across instances stays bounded.
// - Entries also expire after a TTL, a safety net rather than the mechanism.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "emporium/catalog/catalog.hpp"

namespace emporium::catalog {

struct CachedResponse {
  int status = 200;  // 200, or 404: "not visible to the public"
  std::string body;  // JSON, for a 200
  // A variant lookup's answer instead of a body (CatalogService); empty
  // when the variant or product does not exist.
  std::vector<VariantRef> variants;

  // What the entry holds, for the byte budget.
  std::size_t bytes() const;
};

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Kind { product, listing };

  struct Options {
    bool enabled = true;
    std::size_t max_bytes = 64u << 20;
    std::chrono::milliseconds ttl{std::chrono::minutes(5)};
    std::size_t shards = 16;
  };

  struct Ticket {
    std::uint64_t epoch = 0;
    std::uint64_t generation = 0;
  };

  explicit ResponseCache(Options options, std::function<Clock::time_point()> now = Clock::now);
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // Take before reading the database; pass to put().
  Ticket ticket(Kind kind) const;
  std::shared_ptr<const CachedResponse> get(const std::string& key, Kind kind);
  void put(const std::string& key, Kind kind, std::shared_ptr<const CachedResponse> value, Ticket ticket);

  // Drops the detail of `product_key` and, with `listings`, every listing.
  void invalidate(const std::string& product_key, bool listings);
  void invalidate_listings();
  void invalidate_all();

  // Hits are served only before this time point; the invalidation feed
  // pushes it forward while it is alive.
  void trust_until(Clock::time_point until);
  bool trusted() const;

  std::size_t bytes() const;
  std::size_t entries() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedResponse> value;
    Kind kind = Kind::product;
    std::uint64_t generation = 0;
    Clock::time_point stored_at;
    std::size_t bytes = 0;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::list<Entry> lru;  // most recent first
    std::unordered_map<std::string, std::list<Entry>::iterator> index;
    std::size_t bytes = 0;
  };

  Shard& shard_of(const std::string& key);
  std::uint64_t generation_of(Kind kind) const;
  void bump(std::atomic<std::uint64_t>& generation);
  static void erase(Shard& shard, std::list<Entry>::iterator entry);

  Options options_;
  std::function<Clock::time_point()> now_;
  std::size_t shard_budget_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<std::uint64_t> product_generation_{0};
  std::atomic<std::uint64_t> listing_generation_{0};
  std::atomic<Clock::rep> trusted_until_{0};
};

}  // namespace emporium::catalog
