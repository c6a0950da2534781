#include "product_json.hpp"

#include "json_columns.hpp"

namespace emporium::catalog {
namespace {

void write_variant(JsonWriter& out, const Variant& variant) {
  out.begin_object();
  out.key("id").string(variant.id);
  out.key("sku").string(variant.sku);
  out.key("options");
  write_option_values(out, variant.options);
  out.key("price").amount(variant.price);
  out.key("currency").string(variant.currency);
  out.key("weight_grams").integer(variant.weight_grams);
  out.key("stock").begin_object().key("available").integer(variant.available).end_object();
  out.end_object();
}

void write_category_node(JsonWriter& out, const CategoryNode& node) {
  const auto& category = node.category;
  out.begin_object();
  out.key("id").string(category.id);
  out.key("slug").string(category.slug);
  out.key("name").string(category.name);
  out.key("parent_id").string_or_null(category.parent_id);
  out.key("children").begin_array();
  for (const auto& child : node.children) write_category_node(out, child);
  out.end_array();
  out.end_object();
}

void write_review(JsonWriter& out, const Review& review) {
  out.begin_object();
  out.key("id").string(review.id);
  out.key("product_id").string(review.product_id);
  out.key("user_id").string_or_null(review.user_id);
  out.key("author_name").string_or_null(review.author_name);
  out.key("rating").integer(review.rating);
  out.key("title").string(review.title);
  out.key("body").string(review.body);
  out.key("verified_purchase").boolean(review.verified_purchase);
  out.key("created_at").string(review.created_at);
  out.end_object();
}

template <class T, class Write>
std::string list_body(const Paged<T>& found, const kernel::PageRequest& page, Write write) {
  JsonWriter out;
  out.begin_object();
  out.key("total").integer(found.total);
  out.key("page").integer(page.page);
  out.key("per_page").integer(page.per_page);
  out.key("results").begin_array();
  for (const auto& item : found.items) write(out, item);
  out.end_array();
  out.end_object();
  return out.take();
}

void write_summary_fields(JsonWriter& out, const ProductSummary& summary) {
  out.key("id").string(summary.id);
  out.key("name").string(summary.name);
  out.key("price").amount(summary.price);
  out.key("currency").string(summary.currency);
  out.key("category").string_or_null(summary.category_slug);
  out.key("category_name").string_or_null(summary.category_name);
  // Hundredths of a star, written as a number with at most two decimals.
  out.key("rating").amount(summary.rating_hundredths);
  out.key("review_count").integer(summary.review_count);
  out.key("image_url").string_or_null(summary.image_url);
  out.key("in_stock").boolean(summary.in_stock);
}

}  // namespace

void write_summary(JsonWriter& out, const ProductSummary& summary) {
  out.begin_object();
  write_summary_fields(out, summary);
  out.end_object();
}

std::string product_body(const Product& product) {
  JsonWriter out;
  out.begin_object();
  write_summary_fields(out, product.summary);
  out.key("status").string(product.status);
  out.key("description").string(product.description);
  out.key("sku").string_or_null(product.sku);
  out.key("images").raw(product.images_json);
  out.key("attributes").raw(product.attributes_json);
  out.key("seller_id").string(product.seller_id);
  out.key("stock").begin_object().key("available").integer(product.available).end_object();
  out.key("options");
  write_options(out, product.options);
  out.key("variants").begin_array();
  for (const auto& variant : product.variants) write_variant(out, variant);
  out.end_array();
  out.key("created_at").string(product.created_at);
  out.key("updated_at").string(product.updated_at);
  out.end_object();
  return out.take();
}

std::string summaries_body(const Paged<ProductSummary>& found, const kernel::PageRequest& page) {
  return list_body(found, page, write_summary);
}

std::string category_tree_body(const std::vector<CategoryNode>& roots) {
  JsonWriter out;
  out.begin_array();
  for (const auto& root : roots) write_category_node(out, root);
  out.end_array();
  return out.take();
}

std::string category_body(const Category& category) {
  JsonWriter out;
  write_category_node(out, {category, {}});
  return out.take();
}

std::string review_body(const Review& review) {
  JsonWriter out;
  write_review(out, review);
  return out.take();
}

std::string reviews_body(const Paged<Review>& found, const kernel::PageRequest& page) {
  return list_body(found, page, write_review);
}

}  // namespace emporium::catalog
