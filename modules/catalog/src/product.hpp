#pragma once
// The catalog's plain value types, as the stores read them and the JSON
// shaping writes them. JSON held by PostgreSQL (images, attributes, options)
// stays JSON text: it is written to responses as it is.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace emporium::catalog {

// {"Size": "M", "Colour": "Red"}; empty for a product's default variant.
using OptionValues = std::map<std::string, std::string>;

struct ProductOption {
  std::string name;
  std::vector<std::string> values;
};

struct Variant {
  std::string id;
  std::string sku;
  OptionValues options;
  std::int64_t price = 0;  // minor units
  std::string currency;
  int weight_grams = 0;
  std::int64_t available = 0;  // the catalog's copy of the inventory's figure
};

// What every list shows of a product.
struct ProductSummary {
  std::string id;
  std::string name;
  std::int64_t price = 0;  // the lowest variant price, minor units
  std::string currency;
  std::string category_slug;  // empty: no category
  std::string category_name;
  int rating_hundredths = 0;  // 0..500
  int review_count = 0;
  std::string image_url;  // empty: none
  bool in_stock = false;
};

struct Product {
  ProductSummary summary;
  std::string seller_id;
  std::string category_id;  // empty: none
  std::string status;  // "active" or "archived"
  std::string description;
  std::string sku;              // empty: none
  std::string images_json;      // JSON array of URLs
  std::string attributes_json;  // JSON object
  std::vector<ProductOption> options;
  std::vector<Variant> variants;
  std::int64_t available = 0;  // over all variants
  std::string created_at;
  std::string updated_at;

  bool active() const { return status == "active"; }
};

struct Category {
  std::string id;
  std::string slug;
  std::string name;
  std::string parent_id;  // empty: a root
};

struct Review {
  std::string id;
  std::string product_id;
  std::string user_id;      // empty once the author erased their account
  std::string author_name;  // empty then too
  int rating = 0;
  std::string title;
  std::string body;
  bool verified_purchase = false;
  std::string created_at;
};

template <class T>
struct Paged {
  std::int64_t total = 0;
  std::vector<T> items;
};

}  // namespace emporium::catalog
