#pragma once
// The Catalog interface other modules call (cart, order, inventory): plain
// reads of variants, each its own unit of work under the catalog's role.
#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/database.hpp"

namespace emporium::catalog {

class CatalogService final : public Catalog {
 public:
  explicit CatalogService(kernel::Database& db) : db_(db) {}

  std::optional<VariantRef> find_variant(const std::string& variant_id) override;
  std::map<std::string, VariantRef> find_variants(const std::vector<std::string>& variant_ids) override;
  kernel::Result<VariantRef> sole_variant(const std::string& product_id) override;
  std::vector<VariantRef> variants_of(const std::string& product_id) override;
  std::vector<VariantRef> list_variants(const std::string& after_variant_id, std::size_t limit) override;

 private:
  kernel::Database& db_;
};

}  // namespace emporium::catalog
