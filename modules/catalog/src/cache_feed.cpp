#include "cache_feed.hpp"

namespace emporium::catalog {

std::string product_cache_key(std::string_view product_id) { return "product:" + std::string(product_id); }

std::string encode_cache_change(const CacheChange& change) {
  switch (change.scope) {
    case CacheChange::Scope::product: return "product:" + change.product_id;
    case CacheChange::Scope::stock: return "stock:" + change.product_id;
    case CacheChange::Scope::listings: return "listings";
    case CacheChange::Scope::all: return "all";
  }
  return "all";
}

std::optional<CacheChange> decode_cache_change(std::string_view message) {
  const auto id_after = [&](std::string_view prefix) -> std::optional<std::string> {
    if (message.substr(0, prefix.size()) != prefix || message.size() == prefix.size()) return std::nullopt;
    return std::string(message.substr(prefix.size()));
  };
  if (auto id = id_after("product:")) return CacheChange::product(*id);
  if (auto id = id_after("stock:")) return CacheChange::stock(*id);
  if (message == "listings") return CacheChange::listings();
  if (message == "all") return CacheChange::everything();
  return std::nullopt;
}

void apply_cache_change(ResponseCache& cache, const CacheChange& change) {
  switch (change.scope) {
    case CacheChange::Scope::product: cache.invalidate(product_cache_key(change.product_id), true); break;
    case CacheChange::Scope::stock: cache.invalidate(product_cache_key(change.product_id), false); break;
    case CacheChange::Scope::listings: cache.invalidate_listings(); break;
    case CacheChange::Scope::all: cache.invalidate_all(); break;
  }
}

void notify_cache_change(kernel::Tx& tx, const CacheChange& change) {
  kernel::notify_cache_change(tx, kCacheChannel, encode_cache_change(change));
}

void ResponseCacheFeed::apply(std::string_view message) {
  if (auto change = decode_cache_change(message)) apply_cache_change(cache_, *change);
}

CacheFeedListener::CacheFeedListener(std::string connection_string, ResponseCache& cache)
    : feed_(cache), listener_(std::move(connection_string), std::string(kCacheChannel), feed_, "catalog") {}

}  // namespace emporium::catalog
