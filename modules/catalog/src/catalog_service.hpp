#pragma once
// The Catalog interface other modules call (cart, order, inventory): plain
// reads of variants, each its own unit of work under the catalog's role.
//
// Variant lookups by id and by product are answered from the response cache
// when it holds them (a checkout asks for the same variants several times).
// They are listing-kind entries: a product change of any kind (price,
// options, archive, an in-stock flip) drops them all, here at once and in
// other instances through the invalidation feed; a stock change does not
// touch them, as a VariantRef carries no stock. The cache's trust window and
// no-stale-fill ticket apply to them as to the public reads.
#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/database.hpp"
#include "response_cache.hpp"

namespace emporium::catalog {

class CatalogService final : public Catalog {
 public:
  CatalogService(kernel::Database& db, ResponseCache& cache) : db_(db), cache_(cache) {}

  std::optional<VariantRef> find_variant(const std::string& variant_id) override;
  std::map<std::string, VariantRef> find_variants(const std::vector<std::string>& variant_ids) override;
  kernel::Result<VariantRef> sole_variant(const std::string& product_id) override;
  std::vector<VariantRef> variants_of(const std::string& product_id) override;
  std::vector<VariantRef> list_variants(const std::string& after_variant_id, std::size_t limit) override;

 private:
  kernel::Database& db_;
  ResponseCache& cache_;
};

}  // namespace emporium::catalog
