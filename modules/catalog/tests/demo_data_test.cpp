// The demo catalog: varied, valid and deterministic.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <set>

#include "catalog/src/demo_data.hpp"
#include "catalog/src/product_rules.hpp"

using namespace emporium::catalog;

TEST_CASE("demo categories come parents first and every slug is valid and unique") {
  std::set<std::string> seen;
  for (const auto& category : demo_categories()) {
    CAPTURE(category.slug);
    CHECK(is_slug(category.slug));
    CHECK((category.parent_slug.empty() || seen.count(category.parent_slug) == 1));
    CHECK(seen.insert(category.slug).second);
  }
}

TEST_CASE("demo products are varied, valid and land in leaf categories") {
  constexpr std::size_t kCount = 2000;
  std::set<std::string> names, ids, skus, parents;
  for (const auto& category : demo_categories()) parents.insert(category.parent_slug);
  std::size_t with_options = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    const auto product = demo_product(i, kCount, 42);
    CAPTURE(product.name);
    names.insert(product.name);
    CHECK(ids.insert(product.id).second);
    CHECK(product.id.size() == 25);
    CHECK(parents.count(product.category_slug) == 0);
    CHECK(is_image_url(product.image_url));
    CHECK(boost::json::parse(product.attributes_json).is_object());
    CHECK(product.price > 0);
    REQUIRE_FALSE(product.variants.empty());
    if (!product.options.empty()) ++with_options;
    std::int64_t lowest = product.variants.front().price;
    for (const auto& variant : product.variants) {
      CHECK(is_sku(variant.sku));
      CHECK(skus.insert(variant.sku).second);
      CHECK(variant.options.size() == product.options.size());
      lowest = std::min(lowest, variant.price);
    }
    CHECK(product.price == lowest);
  }
  CHECK(names.size() > kCount * 9 / 10);
  CHECK(with_options > kCount / 10);
  CHECK(with_options < kCount / 2);
}

TEST_CASE("the first demo product is the plain Wireless Headphones, and a product depends on its index only") {
  CHECK(demo_product(0, 10, 1).name == "Wireless Headphones");
  CHECK(demo_product(0, 10, 1).category_slug == "headphones");
  CHECK(demo_product(7, 10, 1).name == demo_product(7, 10, 2).name);
  CHECK(demo_product(7, 10, 1).id != demo_product(7, 10, 2).id);
  CHECK(demo_product(7, 10, 1).sku != demo_product(7, 10, 2).sku);
}
