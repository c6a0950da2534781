#include "response_cache.hpp"

namespace emporium::catalog {
namespace {

// Bookkeeping per entry beyond its key and body: list node, index slot, control block.
constexpr std::size_t kEntryOverhead = 160;

}  // namespace

std::size_t CachedResponse::bytes() const {
  std::size_t total = body.size();
  for (const VariantRef& variant : variants) {
    total += sizeof(VariantRef) + variant.variant_id.size() + variant.product_id.size() + variant.seller_id.size() +
             variant.product_name.size() + variant.sku.size() + variant.currency.size() + variant.image_url.size();
    for (const auto& [name, value] : variant.options) total += kEntryOverhead / 2 + name.size() + value.size();
  }
  return total;
}

ResponseCache::ResponseCache(Options options, std::function<Clock::time_point()> now)
    : options_(options), now_(std::move(now)) {
  if (options_.shards == 0) options_.shards = 1;
  shard_budget_ = options_.max_bytes / options_.shards;
  for (std::size_t i = 0; i < options_.shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

ResponseCache::Shard& ResponseCache::shard_of(const std::string& key) {
  return *shards_[std::hash<std::string>{}(key) % shards_.size()];
}

std::uint64_t ResponseCache::generation_of(Kind kind) const {
  return (kind == Kind::product ? product_generation_ : listing_generation_).load(std::memory_order_acquire);
}

ResponseCache::Ticket ResponseCache::ticket(Kind kind) const {
  // The epoch first: a generation bumped after it makes the epoch differ too.
  const auto epoch = epoch_.load(std::memory_order_acquire);
  return {epoch, generation_of(kind)};
}

void ResponseCache::erase(Shard& shard, std::list<Entry>::iterator entry) {
  shard.bytes -= entry->bytes;
  shard.index.erase(entry->key);
  shard.lru.erase(entry);
}

std::shared_ptr<const CachedResponse> ResponseCache::get(const std::string& key, Kind kind) {
  if (!options_.enabled || !trusted()) return nullptr;
  const auto generation = generation_of(kind);
  const auto now = now_();
  Shard& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) return nullptr;
  auto entry = found->second;
  if (entry->generation != generation || entry->kind != kind || now - entry->stored_at > options_.ttl) {
    erase(shard, entry);
    return nullptr;
  }
  shard.lru.splice(shard.lru.begin(), shard.lru, entry);
  return entry->value;
}

void ResponseCache::put(const std::string& key, Kind kind, std::shared_ptr<const CachedResponse> value, Ticket ticket) {
  if (!options_.enabled || !trusted()) return;
  const std::size_t bytes = key.size() + value->bytes() + kEntryOverhead;
  if (bytes > shard_budget_) return;
  Shard& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  // Checked under the shard lock: an invalidation either bumped the epoch
  // before this check (the put is dropped) or erases after it (the entry goes).
  if (epoch_.load(std::memory_order_acquire) != ticket.epoch) return;
  if (auto found = shard.index.find(key); found != shard.index.end()) erase(shard, found->second);
  shard.lru.push_front({key, std::move(value), kind, ticket.generation, now_(), bytes});
  shard.index.emplace(key, shard.lru.begin());
  shard.bytes += bytes;
  while (shard.bytes > shard_budget_) erase(shard, std::prev(shard.lru.end()));
}

void ResponseCache::bump(std::atomic<std::uint64_t>& generation) {
  generation.fetch_add(1, std::memory_order_acq_rel);
  epoch_.fetch_add(1, std::memory_order_acq_rel);
}

void ResponseCache::invalidate(const std::string& product_key, bool listings) {
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  if (listings) bump(listing_generation_);
  Shard& shard = shard_of(product_key);
  std::lock_guard lock(shard.mutex);
  if (auto found = shard.index.find(product_key); found != shard.index.end()) erase(shard, found->second);
}

void ResponseCache::invalidate_listings() { bump(listing_generation_); }

void ResponseCache::invalidate_all() {
  bump(listing_generation_);
  bump(product_generation_);
}

void ResponseCache::trust_until(Clock::time_point until) {
  trusted_until_.store(until.time_since_epoch().count(), std::memory_order_release);
}

bool ResponseCache::trusted() const {
  return now_().time_since_epoch().count() < trusted_until_.load(std::memory_order_acquire);
}

std::size_t ResponseCache::bytes() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->bytes;
  }
  return total;
}

std::size_t ResponseCache::entries() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->lru.size();
  }
  return total;
}

}  // namespace emporium::catalog
