#include "category_store.hpp"

namespace emporium::catalog {
namespace {

const std::string kColumns = "id, slug, name, COALESCE(parent_id, '')";

Category read_category(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3)};
}

}  // namespace

std::vector<Category> CategoryStore::all() {
  std::vector<Category> categories;
  soci::rowset<soci::row> rows = (tx_.sql().prepare << "SELECT " + kColumns + " FROM catalog.categories ORDER BY name, id");
  for (const auto& row : rows) categories.push_back(read_category(row));
  return categories;
}

std::optional<Category> CategoryStore::find(const std::string& id) {
  soci::row row;
  tx_.sql() << "SELECT " + kColumns + " FROM catalog.categories WHERE id = :id", soci::use(id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_category(row);
}

std::optional<Category> CategoryStore::find_by_reference(const std::string& slug_or_id) {
  const std::string slug = slug_or_id;
  soci::row row;
  tx_.sql() << "SELECT " + kColumns + " FROM catalog.categories WHERE slug = :slug OR id = :id LIMIT 1",
      soci::use(slug, "slug"), soci::use(slug_or_id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_category(row);
}

std::optional<Category> CategoryStore::insert(const CategoryFields& fields) {
  soci::row row;
  tx_.sql() << "INSERT INTO catalog.categories (slug, name, parent_id) VALUES (:slug, :name, NULLIF(:parent_id, '')) "
               "ON CONFLICT (slug) DO NOTHING RETURNING " + kColumns,
      soci::use(fields.slug, "slug"), soci::use(fields.name, "name"), soci::use(fields.parent_id, "parent_id"),
      soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_category(row);
}

std::optional<Category> CategoryStore::update(const std::string& id, const CategoryFields& fields) {
  soci::row row;
  tx_.sql() << "UPDATE catalog.categories SET slug = :slug, name = :name, parent_id = NULLIF(:parent_id, ''), "
               "updated_at = now() WHERE id = :id "
               "AND NOT EXISTS (SELECT 1 FROM catalog.categories other WHERE other.slug = :taken_slug AND other.id <> :other_id) "
               "RETURNING " + kColumns,
      soci::use(fields.slug, "slug"), soci::use(fields.name, "name"), soci::use(fields.parent_id, "parent_id"),
      soci::use(id, "id"), soci::use(fields.slug, "taken_slug"), soci::use(id, "other_id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_category(row);
}

CategoryRemoval CategoryStore::remove(const std::string& id) {
  int children = 0, products = 0, exists = 0;
  tx_.sql() << "SELECT CAST(EXISTS (SELECT 1 FROM catalog.categories WHERE id = :id) AS integer), "
               "CAST(EXISTS (SELECT 1 FROM catalog.categories WHERE parent_id = :parent) AS integer), "
               "CAST(EXISTS (SELECT 1 FROM catalog.products WHERE category_id = :category) AS integer)",
      soci::use(id, "id"), soci::use(id, "parent"), soci::use(id, "category"), soci::into(exists),
      soci::into(children), soci::into(products);
  if (exists == 0) return CategoryRemoval::not_found;
  if (children != 0) return CategoryRemoval::has_children;
  if (products != 0) return CategoryRemoval::has_products;
  tx_.sql() << "DELETE FROM catalog.categories WHERE id = :id", soci::use(id, "id");
  return CategoryRemoval::removed;
}

void CategoryStore::lock_tree() { tx_.sql() << "LOCK TABLE catalog.categories IN SHARE ROW EXCLUSIVE MODE"; }

}  // namespace emporium::catalog
