#pragma once
// The catalog's response bodies, as JSON text (see json_writer.hpp).
#include <string>
#include <vector>

#include "category_tree.hpp"
#include "emporium/kernel/pagination.hpp"
#include "json_writer.hpp"
#include "product.hpp"

namespace emporium::catalog {

// {id, name, price, currency, category, category_name, rating, review_count, image_url, in_stock}
void write_summary(JsonWriter& out, const ProductSummary& summary);
// The summary plus status, description, sku, images, attributes, seller_id,
// stock {available}, options, variants, created_at, updated_at.
std::string product_body(const Product& product);
// {total, page, per_page, results: [summary, ...]}
std::string summaries_body(const Paged<ProductSummary>& found, const kernel::PageRequest& page);
// [{id, slug, name, parent_id, children: [...]}]
std::string category_tree_body(const std::vector<CategoryNode>& roots);
std::string category_body(const Category& category);
std::string review_body(const Review& review);
std::string reviews_body(const Paged<Review>& found, const kernel::PageRequest& page);

}  // namespace emporium::catalog
