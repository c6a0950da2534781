#include "product_store.hpp"

#include "json_columns.hpp"
#include "sql_array.hpp"

namespace emporium::catalog {

const std::string kSummaryColumns =
    "p.id, p.name, p.price, p.currency, COALESCE(c.slug, ''), COALESCE(c.name, ''), p.rating_hundredths, "
    "p.review_count, COALESCE(p.images->>0, ''), CAST(p.stock_available > 0 AS integer)";

const std::string kCategorySubtree =
    "WITH RECURSIVE subtree AS ("
    " SELECT id FROM catalog.categories WHERE slug = :category_slug OR id = :category_id"
    " UNION ALL SELECT child.id FROM catalog.categories child JOIN subtree ON child.parent_id = subtree.id) ";

namespace {

constexpr int kSummaryColumnCount = 10;

const std::string kDetailColumns = kSummaryColumns +
    ", p.seller_id, COALESCE(p.category_id, ''), p.status, p.description, COALESCE(p.sku, ''), p.images::text, p.attributes::text, "
    "p.options::text, p.stock_available, catalog.rfc3339(p.created_at), catalog.rfc3339(p.updated_at)";

const std::string kListFilter =
    " FROM catalog.products p LEFT JOIN catalog.categories c ON c.id = p.category_id"
    " WHERE p.status = 'active'"
    " AND (:category = '' OR p.category_id IN (SELECT id FROM subtree))"
    " AND (:seller = '' OR p.seller_id = :seller_id)";

Variant read_variant(const soci::row& row) {
  Variant variant;
  variant.id = row.get<std::string>(0);
  variant.sku = row.get<std::string>(1);
  variant.options = option_values_from_json(row.get<std::string>(2));
  variant.price = row.get<long long>(3);
  variant.currency = row.get<std::string>(4);
  variant.weight_grams = row.get<int>(5);
  variant.available = row.get<long long>(6);
  return variant;
}

}  // namespace

ProductSummary read_summary(const soci::row& row) {
  ProductSummary summary;
  summary.id = row.get<std::string>(0);
  summary.name = row.get<std::string>(1);
  summary.price = row.get<long long>(2);
  summary.currency = row.get<std::string>(3);
  summary.category_slug = row.get<std::string>(4);
  summary.category_name = row.get<std::string>(5);
  summary.rating_hundredths = row.get<int>(6);
  summary.review_count = row.get<int>(7);
  summary.image_url = row.get<std::string>(8);
  summary.in_stock = row.get<int>(9) != 0;
  return summary;
}

std::string order_by(SortOrder sort, const std::string& alias) {
  const std::string a = alias + ".";
  switch (sort) {
    case SortOrder::relevance: return " ORDER BY " + a + "rank DESC, " + a + "id";
    case SortOrder::newest: return " ORDER BY " + a + "created_at DESC, " + a + "id DESC";
    case SortOrder::price_asc: return " ORDER BY " + a + "price, " + a + "id";
    case SortOrder::price_desc: return " ORDER BY " + a + "price DESC, " + a + "id DESC";
    case SortOrder::rating:
      return " ORDER BY " + a + "rating_hundredths DESC, " + a + "review_count DESC, " + a + "id";
    case SortOrder::name: return " ORDER BY lower(" + a + "name), " + a + "id";
  }
  return " ORDER BY " + a + "created_at DESC, " + a + "id DESC";
}

std::optional<Product> ProductStore::find(const std::string& id, bool for_update) {
  soci::row row;
  tx_.sql() << "SELECT " + kDetailColumns +
                   " FROM catalog.products p LEFT JOIN catalog.categories c ON c.id = p.category_id WHERE p.id = :id" +
                   (for_update ? " FOR UPDATE OF p" : ""),
      soci::use(id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  Product product;
  product.summary = read_summary(row);
  int at = kSummaryColumnCount;
  product.seller_id = row.get<std::string>(at++);
  product.category_id = row.get<std::string>(at++);
  product.status = row.get<std::string>(at++);
  product.description = row.get<std::string>(at++);
  product.sku = row.get<std::string>(at++);
  product.images_json = row.get<std::string>(at++);
  product.attributes_json = row.get<std::string>(at++);
  product.options = options_from_json(row.get<std::string>(at++));
  product.available = row.get<long long>(at++);
  product.created_at = row.get<std::string>(at++);
  product.updated_at = row.get<std::string>(at++);
  product.variants = variants_of(id);
  return product;
}

bool ProductStore::is_active(const std::string& id, bool lock) {
  int active = 0;
  tx_.sql() << std::string("SELECT CAST(status = 'active' AS integer) FROM catalog.products WHERE id = :id") +
                   (lock ? " FOR NO KEY UPDATE" : ""),
      soci::use(id, "id"), soci::into(active);
  return tx_.sql().got_data() && active != 0;
}

std::vector<Variant> ProductStore::variants_of(const std::string& product_id) {
  std::vector<Variant> variants;
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT id, sku, options::text, price, currency, weight_grams, available "
                            "FROM catalog.variants WHERE product_id = :id ORDER BY position, id",
       soci::use(product_id, "id"));
  for (const auto& row : rows) variants.push_back(read_variant(row));
  return variants;
}

Paged<ProductSummary> ProductStore::list(const ListingQuery& query) {
  const std::string category_slug = query.category, category_id = query.category, seller_id = query.seller;
  long long total = 0, limit = query.page.per_page, offset = query.page.offset();
  tx_.sql() << kCategorySubtree + "SELECT count(*)" + kListFilter, soci::use(category_slug, "category_slug"),
      soci::use(category_id, "category_id"), soci::use(query.category, "category"), soci::use(query.seller, "seller"),
      soci::use(seller_id, "seller_id"), soci::into(total);
  Paged<ProductSummary> page;
  page.total = total;
  if (offset >= total) return page;
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << kCategorySubtree + "SELECT " + kSummaryColumns + kListFilter + order_by(query.sort) +
                                " LIMIT :limit OFFSET :offset",
       soci::use(category_slug, "category_slug"), soci::use(category_id, "category_id"),
       soci::use(query.category, "category"), soci::use(query.seller, "seller"), soci::use(seller_id, "seller_id"),
       soci::use(limit, "limit"), soci::use(offset, "offset"));
  for (const auto& row : rows) page.items.push_back(read_summary(row));
  return page;
}

std::string ProductStore::insert(const std::string& seller_id, const ProductFields& fields) {
  const std::string images = strings_to_json(fields.images), options = options_to_json(fields.options);
  std::string id;
  tx_.sql() << "INSERT INTO catalog.products (seller_id, name, description, category_id, sku, images, attributes, "
               "options, currency, status) VALUES (:seller_id, :name, :description, NULLIF(:category_id, ''), "
               "NULLIF(:sku, ''), CAST(:images AS jsonb), CAST(:attributes AS jsonb), CAST(:options AS jsonb), "
               ":currency, :status) RETURNING id",
      soci::use(seller_id, "seller_id"), soci::use(fields.name, "name"), soci::use(fields.description, "description"),
      soci::use(fields.category_id, "category_id"), soci::use(fields.sku, "sku"), soci::use(images, "images"),
      soci::use(fields.attributes_json, "attributes"), soci::use(options, "options"),
      soci::use(fields.currency, "currency"), soci::use(fields.status, "status"), soci::into(id);
  return id;
}

void ProductStore::update(const std::string& id, const ProductFields& fields) {
  const std::string images = strings_to_json(fields.images), options = options_to_json(fields.options);
  tx_.sql() << "UPDATE catalog.products SET name = :name, description = :description, "
               "category_id = NULLIF(:category_id, ''), sku = NULLIF(:sku, ''), images = CAST(:images AS jsonb), "
               "attributes = CAST(:attributes AS jsonb), options = CAST(:options AS jsonb), currency = :currency, "
               "status = :status, updated_at = now() WHERE id = :id",
      soci::use(fields.name, "name"), soci::use(fields.description, "description"),
      soci::use(fields.category_id, "category_id"), soci::use(fields.sku, "sku"), soci::use(images, "images"),
      soci::use(fields.attributes_json, "attributes"), soci::use(options, "options"),
      soci::use(fields.currency, "currency"), soci::use(fields.status, "status"), soci::use(id, "id");
}

bool ProductStore::set_status(const std::string& id, const std::string& status) {
  std::string found;
  tx_.sql() << "UPDATE catalog.products SET status = :status, "
               "updated_at = CASE WHEN status = :new_status THEN updated_at ELSE now() END "
               "WHERE id = :id RETURNING id",
      soci::use(status, "status"), soci::use(status, "new_status"), soci::use(id, "id"), soci::into(found);
  return tx_.sql().got_data();
}

std::optional<std::string> ProductStore::sku_taken_elsewhere(const std::string& product_id,
                                                             const std::vector<std::string>& skus) {
  const std::string wanted = pg_text_array(skus);
  std::string taken;
  tx_.sql() << "SELECT sku FROM catalog.variants WHERE sku = ANY(CAST(:skus AS text[])) AND product_id <> :id LIMIT 1",
      soci::use(wanted, "skus"), soci::use(product_id, "id"), soci::into(taken);
  if (!tx_.sql().got_data()) return std::nullopt;
  return taken;
}

void ProductStore::replace_variants(const std::string& product_id, const std::string& currency,
                                    const std::vector<PlannedVariant>& variants) {
  std::vector<std::string> kept;
  for (const auto& variant : variants) {
    if (!variant.existing_id.empty()) kept.push_back(variant.existing_id);
  }
  const std::string kept_ids = pg_text_array(kept);
  tx_.sql() << "DELETE FROM catalog.variants WHERE product_id = :id AND NOT (id = ANY(CAST(:kept AS text[])))",
      soci::use(product_id, "id"), soci::use(kept_ids, "kept");
  // Options first become placeholders, so that two variants may trade
  // option values (the (product, options) key is checked per row).
  tx_.sql() << "UPDATE catalog.variants SET options = jsonb_build_object('', id) WHERE product_id = :id",
      soci::use(product_id, "id");
  int position = 0;
  for (const auto& variant : variants) {
    const std::string options = option_values_to_json(variant.options);
    const long long price = variant.price;
    if (variant.existing_id.empty()) {
      tx_.sql() << "INSERT INTO catalog.variants (product_id, sku, options, price, currency, weight_grams, position) "
                   "VALUES (:id, :sku, CAST(:options AS jsonb), :price, :currency, :weight, :position)",
          soci::use(product_id, "id"), soci::use(variant.sku, "sku"), soci::use(options, "options"),
          soci::use(price, "price"), soci::use(currency, "currency"), soci::use(variant.weight_grams, "weight"),
          soci::use(position, "position");
    } else {
      tx_.sql() << "UPDATE catalog.variants SET sku = :sku, options = CAST(:options AS jsonb), price = :price, "
                   "currency = :currency, weight_grams = :weight, position = :position, updated_at = now() "
                   "WHERE id = :id",
          soci::use(variant.sku, "sku"), soci::use(options, "options"), soci::use(price, "price"),
          soci::use(currency, "currency"), soci::use(variant.weight_grams, "weight"), soci::use(position, "position"),
          soci::use(variant.existing_id, "id");
    }
    ++position;
  }
  tx_.sql() << "UPDATE catalog.products p SET price = v.lowest, stock_available = v.available "
               "FROM (SELECT min(price) AS lowest, COALESCE(sum(available), 0) AS available "
               "FROM catalog.variants WHERE product_id = :variants_of) v WHERE p.id = :id",
      soci::use(product_id, "variants_of"), soci::use(product_id, "id");
}

}  // namespace emporium::catalog
