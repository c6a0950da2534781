#include "seed_store.hpp"

#include "json_columns.hpp"
#include "sql_array.hpp"

namespace emporium::catalog {
namespace {

template <class T>
std::string number_array(const std::vector<T>& numbers) {
  std::vector<std::string> texts;
  texts.reserve(numbers.size());
  for (const auto number : numbers) texts.push_back(std::to_string(number));
  return pg_text_array(texts);
}

}  // namespace

bool SeedStore::has_products() {
  int found = 0;
  tx_.sql() << "SELECT CAST(EXISTS (SELECT 1 FROM catalog.products) AS integer)", soci::into(found);
  return found != 0;
}

void SeedStore::insert_categories(const std::vector<DemoCategory>& categories) {
  for (const auto& category : categories) {
    tx_.sql() << "INSERT INTO catalog.categories (slug, name, parent_id) "
                 "SELECT :slug, :name, (SELECT id FROM catalog.categories WHERE slug = :parent) "
                 "ON CONFLICT (slug) DO NOTHING",
        soci::use(category.slug, "slug"), soci::use(category.name, "name"), soci::use(category.parent_slug, "parent");
  }
}

void SeedStore::insert_products(const std::string& seller_id, const std::vector<DemoProduct>& products) {
  std::vector<std::string> ids, names, descriptions, categories, skus, images, attributes, options;
  std::vector<std::int64_t> prices;
  std::vector<int> ages;
  std::vector<std::string> variant_products, variant_skus, variant_options;
  std::vector<std::int64_t> variant_prices;
  std::vector<int> variant_weights, variant_positions;
  for (const auto& product : products) {
    ids.push_back(product.id);
    names.push_back(product.name);
    descriptions.push_back(product.description);
    categories.push_back(product.category_slug);
    skus.push_back(product.sku);
    images.push_back(product.image_url);
    attributes.push_back(product.attributes_json);
    options.push_back(options_to_json(product.options));
    prices.push_back(product.price);
    ages.push_back(product.age_minutes);
    int position = 0;
    for (const auto& variant : product.variants) {
      variant_products.push_back(product.id);
      variant_skus.push_back(variant.sku);
      variant_options.push_back(option_values_to_json(variant.options));
      variant_prices.push_back(variant.price);
      variant_weights.push_back(variant.weight_grams);
      variant_positions.push_back(position++);
    }
  }
  const std::string id_array = pg_text_array(ids), name_array = pg_text_array(names),
                    description_array = pg_text_array(descriptions), category_array = pg_text_array(categories),
                    sku_array = pg_text_array(skus), image_array = pg_text_array(images),
                    attribute_array = pg_text_array(attributes), option_array = pg_text_array(options),
                    price_array = number_array(prices), age_array = number_array(ages);
  tx_.sql() << "INSERT INTO catalog.products (id, seller_id, name, description, category_id, sku, images, attributes, "
               "options, currency, price, created_at, updated_at) "
               "SELECT t.id, :seller_id, t.name, t.description, c.id, NULLIF(t.sku, ''), jsonb_build_array(t.image), "
               "CAST(t.attributes AS jsonb), CAST(t.options AS jsonb), 'USD', t.price, "
               "now() - make_interval(mins => t.age), now() - make_interval(mins => t.age) "
               "FROM unnest(CAST(:ids AS text[]), CAST(:names AS text[]), CAST(:descriptions AS text[]), "
               "CAST(:categories AS text[]), CAST(:skus AS text[]), CAST(:images AS text[]), "
               "CAST(:attributes AS text[]), CAST(:options AS text[]), CAST(:prices AS bigint[]), CAST(:ages AS int[])) "
               "AS t(id, name, description, category, sku, image, attributes, options, price, age) "
               "LEFT JOIN catalog.categories c ON c.slug = t.category",
      soci::use(seller_id, "seller_id"), soci::use(id_array, "ids"), soci::use(name_array, "names"),
      soci::use(description_array, "descriptions"), soci::use(category_array, "categories"),
      soci::use(sku_array, "skus"), soci::use(image_array, "images"), soci::use(attribute_array, "attributes"),
      soci::use(option_array, "options"), soci::use(price_array, "prices"), soci::use(age_array, "ages");

  const std::string product_array = pg_text_array(variant_products), variant_sku_array = pg_text_array(variant_skus),
                    variant_option_array = pg_text_array(variant_options),
                    variant_price_array = number_array(variant_prices),
                    weight_array = number_array(variant_weights), position_array = number_array(variant_positions);
  tx_.sql() << "INSERT INTO catalog.variants (product_id, sku, options, price, currency, weight_grams, position) "
               "SELECT t.product_id, t.sku, CAST(t.options AS jsonb), t.price, 'USD', t.weight, t.position "
               "FROM unnest(CAST(:products AS text[]), CAST(:skus AS text[]), CAST(:options AS text[]), "
               "CAST(:prices AS bigint[]), CAST(:weights AS int[]), CAST(:positions AS int[])) "
               "AS t(product_id, sku, options, price, weight, position)",
      soci::use(product_array, "products"), soci::use(variant_sku_array, "skus"),
      soci::use(variant_option_array, "options"), soci::use(variant_price_array, "prices"),
      soci::use(weight_array, "weights"), soci::use(position_array, "positions");
}

void SeedStore::insert_reviews(const std::string& user_id, const std::string& author_name,
                               const std::vector<std::string>& product_ids, const std::vector<int>& ratings,
                               const std::vector<std::string>& titles) {
  const std::string id_array = pg_text_array(product_ids), rating_array = number_array(ratings),
                    title_array = pg_text_array(titles);
  tx_.sql() << "INSERT INTO catalog.reviews (product_id, user_id, author_name, rating, title) "
               "SELECT t.product_id, :user_id, :author_name, t.rating, t.title "
               "FROM unnest(CAST(:ids AS text[]), CAST(:ratings AS int[]), CAST(:titles AS text[])) "
               "AS t(product_id, rating, title) ON CONFLICT (product_id, user_id) DO NOTHING",
      soci::use(user_id, "user_id"), soci::use(author_name, "author_name"), soci::use(id_array, "ids"),
      soci::use(rating_array, "ratings"), soci::use(title_array, "titles");
  tx_.sql() << "UPDATE catalog.products p SET review_count = r.reviews, rating_sum = r.total, "
               "rating_hundredths = round(100.0 * r.total / r.reviews) "
               "FROM (SELECT product_id, count(*) AS reviews, sum(rating) AS total FROM catalog.reviews "
               "WHERE product_id = ANY(CAST(:ids AS text[])) GROUP BY product_id) r WHERE p.id = r.product_id",
      soci::use(id_array, "ids");
}

}  // namespace emporium::catalog
