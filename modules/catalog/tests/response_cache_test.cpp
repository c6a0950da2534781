// The catalog's response cache: hits, invalidation, no stale fills, bounds, TTL, trust.
#include <doctest/doctest.h>

#include "catalog/src/cache_feed.hpp"
#include "catalog/src/response_cache.hpp"

using namespace emporium::catalog;
using Kind = ResponseCache::Kind;
using Clock = ResponseCache::Clock;

namespace {

struct FakeClock {
  Clock::time_point now = Clock::time_point(std::chrono::hours(1000));
};

struct Fixture {
  FakeClock clock;
  ResponseCache cache;
  explicit Fixture(ResponseCache::Options options = {})
      : cache(options, [this] { return clock.now; }) {
    cache.trust_until(clock.now + std::chrono::hours(1));
  }
  void put(const std::string& key, Kind kind, std::string body) {
    cache.put(key, kind, std::make_shared<const CachedResponse>(CachedResponse{200, std::move(body), {}}), cache.ticket(kind));
  }
  std::string body(const std::string& key, Kind kind) {
    auto found = cache.get(key, kind);
    return found ? found->body : "<miss>";
  }
};

}  // namespace

TEST_CASE("a stored response is served until something invalidates it") {
  Fixture f;
  f.put("product:p1", Kind::product, "P1");
  f.put("list?a", Kind::listing, "L");
  CHECK(f.body("product:p1", Kind::product) == "P1");
  CHECK(f.body("list?a", Kind::listing) == "L");
  CHECK(f.body("product:p2", Kind::product) == "<miss>");
}

TEST_CASE("a product change drops its detail and every listing, not other products") {
  Fixture f;
  f.put("product:p1", Kind::product, "P1");
  f.put("product:p2", Kind::product, "P2");
  f.put("list?a", Kind::listing, "L");
  f.put("search?q=x", Kind::listing, "S");
  apply_cache_change(f.cache, CacheChange::product("p1"));
  CHECK(f.body("product:p1", Kind::product) == "<miss>");
  CHECK(f.body("product:p2", Kind::product) == "P2");
  CHECK(f.body("list?a", Kind::listing) == "<miss>");
  CHECK(f.body("search?q=x", Kind::listing) == "<miss>");
}

TEST_CASE("a stock change drops the product's detail and keeps the listings") {
  Fixture f;
  f.put("product:p1", Kind::product, "P1");
  f.put("list?a", Kind::listing, "L");
  apply_cache_change(f.cache, CacheChange::stock("p1"));
  CHECK(f.body("product:p1", Kind::product) == "<miss>");
  CHECK(f.body("list?a", Kind::listing) == "L");
}

TEST_CASE("a category change drops everything") {
  Fixture f;
  f.put("product:p1", Kind::product, "P1");
  f.put("categories", Kind::listing, "C");
  apply_cache_change(f.cache, CacheChange::everything());
  CHECK(f.body("product:p1", Kind::product) == "<miss>");
  CHECK(f.body("categories", Kind::listing) == "<miss>");
}

TEST_CASE("a read that started before an invalidation does not fill the cache with what it read") {
  Fixture f;
  const auto ticket = f.cache.ticket(Kind::product);
  apply_cache_change(f.cache, CacheChange::product("p1"));  // a write committed while the read ran
  f.cache.put("product:p1", Kind::product, std::make_shared<const CachedResponse>(CachedResponse{200, "old", {}}), ticket);
  CHECK(f.body("product:p1", Kind::product) == "<miss>");
  const auto listing_ticket = f.cache.ticket(Kind::listing);
  f.cache.invalidate_listings();
  f.cache.put("list?a", Kind::listing, std::make_shared<const CachedResponse>(CachedResponse{200, "old", {}}), listing_ticket);
  CHECK(f.body("list?a", Kind::listing) == "<miss>");
}

TEST_CASE("the least recently used responses go first when the byte budget is full") {
  ResponseCache::Options options;
  options.max_bytes = 3 * (200 + 1000);
  options.shards = 1;
  Fixture f(options);
  const std::string body(1000, 'x');
  f.put("product:a", Kind::product, body);
  f.put("product:b", Kind::product, body);
  CHECK(f.body("product:a", Kind::product) == body);  // a is now more recent than b
  f.put("product:c", Kind::product, body);
  f.put("product:d", Kind::product, body);
  CHECK(f.body("product:b", Kind::product) == "<miss>");
  CHECK(f.body("product:a", Kind::product) == body);
  CHECK(f.body("product:d", Kind::product) == body);
  CHECK(f.cache.bytes() <= options.max_bytes);
  CHECK(f.cache.entries() <= 3);
}

TEST_CASE("a response larger than its shard's budget is not stored") {
  ResponseCache::Options options;
  options.max_bytes = 1000;
  options.shards = 1;
  Fixture f(options);
  f.put("product:big", Kind::product, std::string(2000, 'x'));
  CHECK(f.body("product:big", Kind::product) == "<miss>");
  CHECK(f.cache.entries() == 0);
}

TEST_CASE("entries expire after the TTL") {
  ResponseCache::Options options;
  options.ttl = std::chrono::seconds(10);
  Fixture f(options);
  f.put("product:p1", Kind::product, "P1");
  f.clock.now += std::chrono::seconds(9);
  CHECK(f.body("product:p1", Kind::product) == "P1");
  f.clock.now += std::chrono::seconds(2);
  CHECK(f.body("product:p1", Kind::product) == "<miss>");
}

TEST_CASE("when the invalidation feed is not known to be alive, nothing is served or stored") {
  Fixture f;
  f.put("product:p1", Kind::product, "P1");
  f.clock.now += std::chrono::hours(2);  // past trust_until
  CHECK_FALSE(f.cache.trusted());
  CHECK(f.body("product:p1", Kind::product) == "<miss>");
  f.put("product:p2", Kind::product, "P2");
  f.cache.trust_until(f.clock.now + std::chrono::seconds(1));
  CHECK(f.body("product:p2", Kind::product) == "<miss>");
}

TEST_CASE("a disabled cache never serves") {
  ResponseCache::Options options;
  options.enabled = false;
  Fixture f(options);
  f.put("product:p1", Kind::product, "P1");
  CHECK(f.body("product:p1", Kind::product) == "<miss>");
}

TEST_CASE("cache change messages round-trip and junk is ignored") {
  for (const auto& change : {CacheChange::product("prod_1"), CacheChange::stock("prod_2"), CacheChange::listings(),
                             CacheChange::everything()}) {
    auto decoded = decode_cache_change(encode_cache_change(change));
    REQUIRE(decoded);
    CHECK(decoded->scope == change.scope);
    CHECK(decoded->product_id == change.product_id);
  }
  CHECK_FALSE(decode_cache_change("product:"));
  CHECK_FALSE(decode_cache_change("bogus"));
  CHECK_FALSE(decode_cache_change(""));
}
