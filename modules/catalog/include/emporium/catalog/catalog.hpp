#pragma once
// The catalog's callable surface for other modules: what a variant is, what
// it costs and who sells it. Reads only; changes travel as events.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/result.hpp"

namespace emporium::catalog {

// Ids are opaque, but each kind has its prefix: a caller holding an id that
// may name a product or a variant can ask for the likelier one first.
inline constexpr std::string_view kProductIdPrefix = "prod_";

struct VariantRef {
  std::string variant_id;
  std::string product_id;
  std::string seller_id;
  std::string product_name;
  std::string sku;
  std::map<std::string, std::string> options;  // e.g. {"Size": "M"}; empty for a default variant
  std::int64_t price_minor = 0;                 // integer minor units
  std::string currency = "USD";
  int weight_grams = 0;
  std::string image_url;
  bool active = true;  // false when the product is archived
};

class Catalog {
 public:
  virtual ~Catalog() = default;
  virtual std::optional<VariantRef> find_variant(const std::string& variant_id) = 0;
  // Many variants in one unit of work, by variant id; ids not found are absent.
  virtual std::map<std::string, VariantRef> find_variants(const std::vector<std::string>& variant_ids) = 0;
  // The variant a `product_id` stands for: errors `not_found`, or
  // `variant_required` when the product has more than one variant.
  virtual kernel::Result<VariantRef> sole_variant(const std::string& product_id) = 0;
  virtual std::vector<VariantRef> variants_of(const std::string& product_id) = 0;
  // Every variant in id order after `after_variant_id` (empty: from the
  // start), at most `limit`: for seeding and rebuilding other modules.
  virtual std::vector<VariantRef> list_variants(const std::string& after_variant_id, std::size_t limit) = 0;
};

}  // namespace emporium::catalog
