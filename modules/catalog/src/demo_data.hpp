#pragma once
// The demo catalog of `emporium seed` and `serve --demo-data`: a category
// tree and as many products as asked for, generated from small word lists so
// that names, prices, attributes and variants vary and search has something
// to find. Pure and deterministic for a given index and run seed.
#include <cstdint>
#include <string>
#include <vector>

#include "product.hpp"

namespace emporium::catalog {

struct DemoCategory {
  std::string slug;
  std::string name;
  std::string parent_slug;  // empty: a root
};

struct DemoVariant {
  std::string sku;
  OptionValues options;
  std::int64_t price = 0;
  int weight_grams = 0;
};

struct DemoProduct {
  std::string id;
  std::string name;
  std::string description;
  std::string category_slug;
  std::string sku;
  std::string image_url;  // a data: URL of a small SVG placeholder
  std::string attributes_json;
  std::vector<ProductOption> options;
  std::vector<DemoVariant> variants;  // one (options {}) when there are no options
  std::int64_t price = 0;              // the lowest variant price
  int age_minutes = 0;                 // how long ago it was "created"
};

// Parents before their children.
const std::vector<DemoCategory>& demo_categories();

// The index-th demo product of a run; `run_seed` makes ids and SKUs unique
// per run while the rest depends on the index only.
DemoProduct demo_product(std::size_t index, std::size_t count, std::uint64_t run_seed);

// A placeholder image: a coloured card with a label.
std::string placeholder_image(const std::string& label, std::uint64_t hue_seed);

}  // namespace emporium::catalog
