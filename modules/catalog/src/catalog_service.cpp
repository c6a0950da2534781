#include "catalog_service.hpp"

#include "catalog_module_id.hpp"
#include "variant_store.hpp"

namespace emporium::catalog {

std::optional<VariantRef> CatalogService::find_variant(const std::string& variant_id) {
  return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).find(variant_id); });
}

std::map<std::string, VariantRef> CatalogService::find_variants(const std::vector<std::string>& variant_ids) {
  if (variant_ids.empty()) return {};
  return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).find_many(variant_ids); });
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
  return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).of_product(product_id); });
}

std::vector<VariantRef> CatalogService::list_variants(const std::string& after_variant_id, std::size_t limit) {
  return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return VariantStore(tx).after(after_variant_id, limit); });
}

}  // namespace emporium::catalog
