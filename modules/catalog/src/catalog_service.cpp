#include "catalog_service.hpp"

#include <memory>
#include <utility>

#include "catalog_module_id.hpp"
#include "variant_store.hpp"

namespace emporium::catalog {
namespace {

constexpr auto kLookupKind = ResponseCache::Kind::listing;

std::string variant_key(const std::string& variant_id) { return "variant:" + variant_id; }
std::string product_variants_key(const std::string& product_id) { return "variants-of:" + product_id; }

void remember(ResponseCache& cache, const std::string& key, std::vector<VariantRef> variants,
              ResponseCache::Ticket ticket) {
  auto entry = std::make_shared<CachedResponse>();
  entry->variants = std::move(variants);
  cache.put(key, kLookupKind, std::move(entry), ticket);
}

}  // namespace

std::optional<VariantRef> CatalogService::find_variant(const std::string& variant_id) {
  auto found = find_variants({variant_id});
  if (found.empty()) return std::nullopt;
  return std::move(found.begin()->second);
}

std::map<std::string, VariantRef> CatalogService::find_variants(const std::vector<std::string>& variant_ids) {
  std::map<std::string, VariantRef> found;
  std::vector<std::string> missed;
  for (const auto& id : variant_ids) {
    if (auto hit = cache_.get(variant_key(id), kLookupKind)) {
      if (!hit->variants.empty()) found.emplace(id, hit->variants.front());
    } else {
      missed.push_back(id);
    }
  }
  if (missed.empty()) return found;
  // Taken before the read: a change committed meanwhile drops these puts.
  const auto ticket = cache_.ticket(kLookupKind);
  auto read = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).find_many(missed); });
  for (const auto& id : missed) {
    auto it = read.find(id);
    // An unknown id is remembered as such: creating it is a product change.
    remember(cache_, variant_key(id), it == read.end() ? std::vector<VariantRef>{} : std::vector{it->second}, ticket);
    if (it != read.end()) found.emplace(id, std::move(it->second));
  }
  return found;
}

kernel::Result<VariantRef> CatalogService::sole_variant(const std::string& product_id) {
  auto variants = variants_of(product_id);
  if (variants.empty()) return kernel::Error{"not_found", "No such product."};
  if (variants.size() > 1) {
    return kernel::Error{"variant_required", "The product has " + std::to_string(variants.size()) +
                                                 " variants; name one by its variant_id."};
  }
  return std::move(variants.front());
}

std::vector<VariantRef> CatalogService::variants_of(const std::string& product_id) {
  const std::string key = product_variants_key(product_id);
  if (auto hit = cache_.get(key, kLookupKind)) return hit->variants;
  const auto ticket = cache_.ticket(kLookupKind);
  auto variants =
      db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).of_product(product_id); });
  remember(cache_, key, variants, ticket);
  return variants;
}

std::vector<VariantRef> CatalogService::list_variants(const std::string& after_variant_id, std::size_t limit) {
  return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).after(after_variant_id, limit); });
}

}  // namespace emporium::catalog
