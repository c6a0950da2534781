// Product rules: SKUs, slugs, image URLs, images, and planning variant sets.
#include <doctest/doctest.h>

#include <algorithm>

#include "catalog/src/product_rules.hpp"

using namespace emporium::catalog;
using emporium::kernel::FieldError;

namespace {

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& error : errors) out.push_back(error.field);
  return out;
}

const std::vector<ProductOption> kShirtOptions = {{"Size", {"S", "M"}}, {"Colour", {"Red", "Blue"}}};

VariantInput variant(std::string sku, OptionValues options, std::optional<std::int64_t> price = std::nullopt) {
  VariantInput input;
  input.sku = std::move(sku);
  input.options = std::move(options);
  input.price = price;
  return input;
}

}  // namespace

TEST_CASE("SKUs, slugs and image URLs") {
  CHECK(is_sku("TEE-S-RED"));
  CHECK(is_sku("a.b_c-1"));
  CHECK_FALSE(is_sku(""));
  CHECK_FALSE(is_sku("has space"));
  CHECK_FALSE(is_sku(std::string(65, 'A')));
  CHECK(is_slug("mens-shirts"));
  CHECK(is_slug("a1"));
  CHECK_FALSE(is_slug("Mens"));
  CHECK_FALSE(is_slug("-a"));
  CHECK_FALSE(is_slug("a--b"));
  CHECK_FALSE(is_slug("a-"));
  CHECK_FALSE(is_slug(""));
  CHECK(is_image_url("https://cdn.example.com/a.jpg"));
  CHECK(is_image_url("/images/a.svg"));
  CHECK(is_image_url("data:image/svg+xml,%3Csvg%3E%3C/svg%3E"));
  CHECK(is_image_url("data:image/png;base64,iVBORw0KGgo="));
  CHECK_FALSE(is_image_url("javascript:alert(1)"));
  CHECK_FALSE(is_image_url("data:text/html,<script>"));
  CHECK_FALSE(is_image_url("//evil.example/a.png"));
  CHECK_FALSE(is_image_url("https://"));
  CHECK_FALSE(is_image_url("https://a.example/a b.png"));
  CHECK_FALSE(is_image_url("ftp://a.example/a.png"));
}

TEST_CASE("image_url is the first image: it is moved or added to the front") {
  const std::vector<std::string> current = {"/a.png", "/b.png"};
  CHECK(merge_images(current, std::nullopt, std::nullopt) == current);
  CHECK(merge_images(current, std::nullopt, std::string("/b.png")) == std::vector<std::string>{"/b.png", "/a.png"});
  CHECK(merge_images(current, std::nullopt, std::string("/c.png")) ==
        std::vector<std::string>{"/c.png", "/a.png", "/b.png"});
  CHECK(merge_images(current, std::vector<std::string>{"/x.png"}, std::nullopt) == std::vector<std::string>{"/x.png"});
  CHECK(merge_images(current, std::nullopt, std::string()).empty());
  CHECK(merge_images({}, std::nullopt, std::string("/c.png")) == std::vector<std::string>{"/c.png"});
}

TEST_CASE("a product without options gets one default variant with its sku and price") {
  std::vector<FieldError> errors;
  VariantRequest request;
  request.sku = "MUG-1";
  request.price = 1250;
  request.weight_grams = 300;
  auto plan = plan_variants(request, {}, {}, "SKU-X", errors);
  REQUIRE(plan);
  CHECK(errors.empty());
  CHECK(plan->options.empty());
  REQUIRE(plan->variants.size() == 1);
  CHECK(plan->variants[0].sku == "MUG-1");
  CHECK(plan->variants[0].price == 1250);
  CHECK(plan->variants[0].weight_grams == 300);
  CHECK(plan->variants[0].options.empty());
  CHECK(plan->variants[0].existing_id.empty());
}

TEST_CASE("a product needs a price, and a generated SKU when none is given") {
  std::vector<FieldError> errors;
  CHECK_FALSE(plan_variants({}, {}, {}, "SKU-X", errors));
  CHECK(fields_of(errors) == std::vector<std::string>{"price"});
  errors.clear();
  VariantRequest request;
  request.price = 100;
  auto plan = plan_variants(request, {}, {}, "SKU-X", errors);
  REQUIRE(plan);
  CHECK(plan->variants[0].sku == "SKU-X");
}

TEST_CASE("options without variants make one variant per combination") {
  std::vector<FieldError> errors;
  VariantRequest request;
  request.options = kShirtOptions;
  request.sku = "TEE";
  request.price = 1999;
  auto plan = plan_variants(request, {}, {}, "SKU-X", errors);
  REQUIRE(plan);
  REQUIRE(plan->variants.size() == 4);
  std::vector<std::string> skus;
  for (const auto& v : plan->variants) skus.push_back(v.sku);
  CHECK(skus == std::vector<std::string>{"TEE-S-RED", "TEE-S-BLUE", "TEE-M-RED", "TEE-M-BLUE"});
  CHECK(plan->variants[3].options == OptionValues{{"Size", "M"}, {"Colour", "Blue"}});
  CHECK(std::all_of(plan->variants.begin(), plan->variants.end(), [](const PlannedVariant& v) { return v.price == 1999; }));
}

TEST_CASE("explicit variants take their own price, or the product's") {
  std::vector<FieldError> errors;
  VariantRequest request;
  request.options = kShirtOptions;
  request.price = 1000;
  request.variants = std::vector<VariantInput>{variant("A", {{"Size", "S"}, {"Colour", "Red"}}, 1200),
                                               variant("B", {{"Size", "M"}, {"Colour", "Red"}})};
  auto plan = plan_variants(request, {}, {}, "SKU-X", errors);
  REQUIRE(plan);
  REQUIRE(plan->variants.size() == 2);
  CHECK(plan->variants[0].price == 1200);
  CHECK(plan->variants[1].price == 1000);
}

TEST_CASE("variant problems are reported per variant and field") {
  std::vector<FieldError> errors;
  VariantRequest request;
  request.options = kShirtOptions;
  request.variants = std::vector<VariantInput>{
      variant("A", {{"Size", "S"}, {"Colour", "Red"}}, 100),
      variant("A", {{"Size", "XL"}, {"Colour", "Red"}}, 100),   // repeated SKU, unknown value
      variant("C", {{"Size", "S"}, {"Colour", "Red"}}, 100),    // repeated combination
      variant("D", {{"Size", "M"}}, 100),                        // missing an option
      variant("bad sku", {{"Size", "M"}, {"Colour", "Blue"}}),  // bad SKU, no price
  };
  CHECK_FALSE(plan_variants(request, {}, {}, "SKU-X", errors));
  CHECK(fields_of(errors) == std::vector<std::string>{"variants[1].options", "variants[1].sku", "variants[2].options",
                                                      "variants[3].options", "variants[4].sku", "variants[4].price"});
}

TEST_CASE("option lists are checked: names, values, counts") {
  std::vector<FieldError> errors;
  VariantRequest request;
  request.price = 100;
  request.options = std::vector<ProductOption>{{"Size", {"S", "s"}}, {"size", {"M"}}, {"", {}}};
  CHECK_FALSE(plan_variants(request, {}, {}, "SKU-X", errors));
  CHECK(fields_of(errors) ==
        std::vector<std::string>{"options[0].values", "options[1].name", "options[2].name", "options[2].values"});
  errors.clear();
  request.options = std::vector<ProductOption>{{"A", {"1"}}, {"B", {"1"}}, {"C", {"1"}}, {"D", {"1"}}};
  CHECK_FALSE(plan_variants(request, {}, {}, "SKU-X", errors));
  CHECK(fields_of(errors) == std::vector<std::string>{"options"});
}

TEST_CASE("more than the variant limit of combinations is refused") {
  std::vector<FieldError> errors;
  VariantRequest request;
  request.price = 100;
  ProductOption a{"A", {}}, b{"B", {}}, c{"C", {}};
  for (int i = 0; i < 5; ++i) {
    a.values.push_back(std::to_string(i));
    b.values.push_back(std::to_string(i));
    c.values.push_back(std::to_string(i));
  }
  request.options = std::vector<ProductOption>{a, b, c};  // 125 combinations
  CHECK_FALSE(plan_variants(request, {}, {}, "SKU-X", errors));
  CHECK(fields_of(errors) == std::vector<std::string>{"options"});
}

TEST_CASE("a product without options cannot have several variants, nor variants with options") {
  std::vector<FieldError> errors;
  VariantRequest request;
  request.price = 100;
  request.variants = std::vector<VariantInput>{variant("A", {}), variant("B", {})};
  CHECK_FALSE(plan_variants(request, {}, {}, "SKU-X", errors));
  CHECK(fields_of(errors) == std::vector<std::string>{"variants"});
  errors.clear();
  request.variants = std::vector<VariantInput>{variant("A", {{"Size", "S"}})};
  CHECK_FALSE(plan_variants(request, {}, {}, "SKU-X", errors));
  CHECK(fields_of(errors) == std::vector<std::string>{"variants[0].options"});
}

TEST_CASE("an edit keeps existing variants, their ids and SKUs, and applies a product-level price to all") {
  const std::vector<Variant> existing = {{"var_1", "TEE-S", {{"Size", "S"}}, 1000, "USD", 200, 3},
                                         {"var_2", "TEE-M", {{"Size", "M"}}, 1100, "USD", 210, 0}};
  const std::vector<ProductOption> options = {{"Size", {"S", "M", "L"}}};
  std::vector<FieldError> errors;
  VariantRequest request;
  request.price = 1500;
  auto plan = plan_variants(request, options, existing, "TEE", errors);
  REQUIRE(plan);
  REQUIRE(plan->variants.size() == 2);
  CHECK(plan->variants[0].existing_id == "var_1");
  CHECK(plan->variants[0].sku == "TEE-S");
  CHECK(plan->variants[0].price == 1500);
  CHECK(plan->variants[1].price == 1500);
  CHECK(plan->variants[1].weight_grams == 210);
}

TEST_CASE("an edit of variants by id changes only what it names and drops the variants it leaves out") {
  const std::vector<Variant> existing = {{"var_1", "TEE-S", {{"Size", "S"}}, 1000, "USD", 200, 0},
                                         {"var_2", "TEE-M", {{"Size", "M"}}, 1100, "USD", 210, 0}};
  const std::vector<ProductOption> options = {{"Size", {"S", "M", "L"}}};
  std::vector<FieldError> errors;
  VariantRequest request;
  VariantInput changed;
  changed.id = "var_2";
  changed.price = 1300;
  request.variants = std::vector<VariantInput>{changed, variant("TEE-L", {{"Size", "L"}}, 1400)};
  auto plan = plan_variants(request, options, existing, "TEE", errors);
  REQUIRE(plan);
  REQUIRE(plan->variants.size() == 2);
  CHECK(plan->variants[0].existing_id == "var_2");
  CHECK(plan->variants[0].sku == "TEE-M");
  CHECK(plan->variants[0].options == OptionValues{{"Size", "M"}});
  CHECK(plan->variants[0].price == 1300);
  CHECK(plan->variants[1].existing_id.empty());
  CHECK(plan->variants[1].sku == "TEE-L");
}

TEST_CASE("an edit naming a variant of another product, or one twice, is refused") {
  const std::vector<Variant> existing = {{"var_1", "TEE", {}, 1000, "USD", 0, 0}};
  std::vector<FieldError> errors;
  VariantRequest request;
  VariantInput foreign;
  foreign.id = "var_9";
  request.variants = std::vector<VariantInput>{foreign};
  CHECK_FALSE(plan_variants(request, {}, existing, "TEE", errors));
  CHECK(fields_of(errors) == std::vector<std::string>{"variants[0].id"});
}

TEST_CASE("new options on an edit regenerate the combinations, keeping variants whose options still match") {
  const std::vector<Variant> existing = {{"var_1", "TEE-S", {{"Size", "S"}}, 1000, "USD", 0, 0}};
  std::vector<FieldError> errors;
  VariantRequest request;
  request.options = std::vector<ProductOption>{{"Size", {"S", "M"}}};
  auto plan = plan_variants(request, {{"Size", {"S"}}}, existing, "TEE", errors);
  REQUIRE(plan);
  REQUIRE(plan->variants.size() == 2);
  CHECK(plan->variants[0].existing_id == "var_1");
  CHECK(plan->variants[0].price == 1000);
  CHECK(plan->variants[1].sku == "TEE-M");
  CHECK(plan->variants[1].price == 1000);
}

TEST_CASE("SKU suffixes are upper-case values joined by dashes") {
  CHECK(sku_suffix({"M", "Navy Blue"}) == "M-NAVY-BLUE");
  CHECK(sku_suffix({"10.5", "é"}) == "10-5");
}
