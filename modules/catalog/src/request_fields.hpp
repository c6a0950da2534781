#pragma once
// Reading the catalog's request bodies. Each reader records a field error on
// the body when a value is bad (JsonBody::finish() then answers 422 with all
// of them, unknown fields included, nested ones as "variants[0].colour").
#include <optional>

#include "category_store.hpp"
#include "emporium/kernel/json_body.hpp"
#include "products.hpp"
#include "reviews.hpp"

namespace emporium::catalog {

// POST /products: {name, description, price, currency, category, sku,
// image_url, images, attributes, weight_grams, options, variants, status};
// name is required. PATCH /products/{id}: the same fields, all optional.
ProductInput read_product(kernel::JsonBody& body, bool creating);
// POST /categories and PUT /categories/{id}: {slug, name, parent_id}.
CategoryFields read_category(kernel::JsonBody& body);
// POST /products/{id}/reviews: {rating, title, body}.
ReviewInput read_review(kernel::JsonBody& body);

}  // namespace emporium::catalog
