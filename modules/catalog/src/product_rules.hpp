#pragma once
// The catalog's pure rules: what a valid SKU, slug and image URL are, and
// how a request's options and variants become a product's variant set.
// No I/O, so every rule is unit-tested.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/problem.hpp"
#include "product.hpp"

namespace emporium::catalog {

inline constexpr std::size_t kMaxOptions = 3;
inline constexpr std::size_t kMaxOptionValues = 50;
inline constexpr std::size_t kMaxVariants = 100;
inline constexpr std::int64_t kMaxWeightGrams = 1'000'000;

// 1..64 of A-Z a-z 0-9 . _ -
bool is_sku(std::string_view sku);
// 1..64 of a-z 0-9 in words joined by single dashes: "mens-shirts".
bool is_slug(std::string_view slug);
// An http(s) URL, a path on this site ("/images/x.svg"), or a data: URL of
// an image (png, jpeg, gif, webp, svg+xml) such as the demo placeholders.
bool is_image_url(std::string_view url);

// One entry of a request's `variants`; any field may be left out.
struct VariantInput {
  std::optional<std::string> id;  // an existing variant of the product (PATCH)
  std::optional<std::string> sku;
  std::optional<OptionValues> options;
  std::optional<std::int64_t> price;
  std::optional<std::int64_t> weight_grams;
  std::optional<std::string> currency;  // if given, must be the product's
};

// What a create or edit asks of the variant set. The product-level `sku`,
// `price` and `weight_grams` apply to every variant the request does not
// give its own value to.
struct VariantRequest {
  std::optional<std::vector<ProductOption>> options;  // absent: keep the current ones
  std::optional<std::vector<VariantInput>> variants;  // absent: keep (or, for new options, generate) them
  std::optional<std::string> sku;
  std::optional<std::int64_t> price;
  std::optional<std::int64_t> weight_grams;
};

struct PlannedVariant {
  std::string existing_id;  // empty: a new variant
  std::string sku;
  OptionValues options;
  std::int64_t price = 0;
  int weight_grams = 0;
};

struct VariantPlan {
  std::vector<ProductOption> options;
  std::vector<PlannedVariant> variants;  // the whole set; existing variants left out are removed
};

// The product's variant set after `request`, given its current options and
// variants (none for a new product). `sku_base` names generated SKUs
// (`<base>` for a default variant, `<base>-<VALUE>-...` for combinations).
// Each problem is added to `errors` with its field path ("variants[1].price");
// the plan is returned only when there are none.
//
// - No options: exactly one default variant (options {}).
// - Options without variants: one variant per combination of values.
// - Options with variants: each variant names one value of every option,
//   no combination twice, at most kMaxVariants.
// - A variant's price: its own, else the request's, else the variant's
//   current one, else (a new variant of an existing product) the product's
//   lowest price.
std::optional<VariantPlan> plan_variants(const VariantRequest& request, const std::vector<ProductOption>& current_options,
                                         const std::vector<Variant>& existing, std::string_view sku_base,
                                         std::vector<kernel::FieldError>& errors);

// A product's images after an edit: `images` replaces the list; `image_url`
// (the main image) moves or adds that URL to the front, and "" (JSON null)
// with no `images` empties the list.
std::vector<std::string> merge_images(const std::vector<std::string>& current,
                                      const std::optional<std::vector<std::string>>& images,
                                      const std::optional<std::string>& image_url);

// "M", "Navy Blue" -> "M-NAVY-BLUE": the SKU suffix of a combination.
std::string sku_suffix(const std::vector<std::string>& values);

}  // namespace emporium::catalog
