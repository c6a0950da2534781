#pragma once
// Creating, editing and archiving products. Sellers change their own
// products, admins any. Each change publishes catalog.product_changed and
// invalidates the caches: this instance's at once, the others' through the
// cache feed.
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"
#include "outcome.hpp"
#include "product.hpp"
#include "product_rules.hpp"
#include "response_cache.hpp"

namespace emporium::catalog {

// A create or an edit as the request gave it; absent fields are left alone
// (an edit) or take their defaults (a create).
struct ProductInput {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> category;  // a slug or id; "" (JSON null): none
  std::optional<std::vector<std::string>> images;
  std::optional<std::string> image_url;  // "" (JSON null): none
  std::optional<std::string> attributes_json;
  std::optional<std::string> currency;
  std::optional<std::string> status;
  VariantRequest variants;
};

class Products {
 public:
  Products(kernel::Database& db, ResponseCache& cache) : db_(db), cache_(cache) {}

  // Errors: validation_failed, sku_taken. `input.name` must be set.
  Outcome<Product> create(const kernel::Principal& caller, const ProductInput& input);
  // Errors: not_found (unknown, or archived and not the caller's), forbidden
  // (another seller's), validation_failed, sku_taken.
  Outcome<Product> update(const kernel::Principal& caller, const std::string& id, const ProductInput& input);
  // Sets status archived (a repeat is a no-op). Errors as update.
  Outcome<Done> archive(const kernel::Principal& caller, const std::string& id);
  // A product in any status for a caller who may see it; else not_found.
  Outcome<Product> find_for(const std::optional<kernel::Principal>& caller, const std::string& id);

 private:
  kernel::Database& db_;
  ResponseCache& cache_;
};

}  // namespace emporium::catalog
