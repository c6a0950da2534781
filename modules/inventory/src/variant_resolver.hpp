#pragma once
// Which variant an id of the API stands for, and whose it is. The inventory's
// own copy answers for variants it has stocked; the catalog for the others.
// A product id stands for its sole variant (`variant_required` otherwise).
#include <string>

#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"
#include "stock_types.hpp"

namespace emporium::inventory {

class VariantResolver {
 public:
  VariantResolver(kernel::Database& db, catalog::Catalog& catalog) : db_(db), catalog_(catalog) {}

  // A variant id, or a product id with exactly one variant. Errors:
  // not_found, variant_required.
  kernel::Result<VariantOwner> resolve(const std::string& id);
  // The sole variant of a product. Errors: not_found, variant_required.
  kernel::Result<VariantOwner> sole_variant(const std::string& product_id);

 private:
  kernel::Database& db_;
  catalog::Catalog& catalog_;
};

}  // namespace emporium::inventory
