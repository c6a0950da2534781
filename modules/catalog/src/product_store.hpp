#pragma once
// SQL of catalog.products and catalog.variants: reading products whole or as
// list summaries, writing them, and keeping a product's lowest price and
// stock figures in step with its variants.
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "listing_query.hpp"
#include "product.hpp"
#include "product_rules.hpp"

namespace emporium::catalog {

// The columns a create or an edit sets (the service merges an edit first).
struct ProductFields {
  std::string name;
  std::string description;
  std::string category_id;  // empty: none
  std::string sku;          // empty: none
  std::vector<std::string> images;
  std::string attributes_json;
  std::vector<ProductOption> options;
  std::string currency;
  std::string status = "active";
};

class ProductStore {
 public:
  explicit ProductStore(kernel::Tx& tx) : tx_(tx) {}

  // Any status; `for_update` locks the row for an edit.
  std::optional<Product> find(const std::string& id, bool for_update = false);
  // Whether the product exists and is active; `lock` holds the row for this
  // transaction's own update of it (taken up front, so two writers never deadlock).
  bool is_active(const std::string& id, bool lock = false);
  // Active products only.
  Paged<ProductSummary> list(const ListingQuery& query);

  std::string insert(const std::string& seller_id, const ProductFields& fields);
  void update(const std::string& id, const ProductFields& fields);
  // False when the product does not exist.
  bool set_status(const std::string& id, const std::string& status);

  // A SKU of `skus` that a variant of another product already has.
  std::optional<std::string> sku_taken_elsewhere(const std::string& product_id, const std::vector<std::string>& skus);
  // Makes the product's variants exactly `variants` (removing the others) and
  // refreshes its lowest price and stock total.
  void replace_variants(const std::string& product_id, const std::string& currency,
                        const std::vector<PlannedVariant>& variants);

 private:
  std::vector<Variant> variants_of(const std::string& product_id);

  kernel::Tx& tx_;
};

// Shared by the list and search queries: the summary columns of `p` (with
// its category `c`) and how to read them from the first columns of a row.
extern const std::string kSummaryColumns;
ProductSummary read_summary(const soci::row& row);
// The WITH clause that defines `subtree` (the category named by :category_slug
// or :category_id, and its descendants) and the ORDER BY of a sort.
extern const std::string kCategorySubtree;
// `alias` names the row that has the product's columns.
std::string order_by(SortOrder sort, const std::string& alias = "p");

}  // namespace emporium::catalog
