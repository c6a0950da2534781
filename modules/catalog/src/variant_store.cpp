#include "variant_store.hpp"

#include <algorithm>
#include <map>

#include "json_columns.hpp"
#include "sql_array.hpp"

namespace emporium::catalog {
namespace {

const std::string kSelect =
    "SELECT v.id, v.product_id, p.seller_id, p.name, v.sku, v.options::text, v.price, v.currency, v.weight_grams, "
    "COALESCE(p.images->>0, ''), CAST(p.status = 'active' AS integer) "
    "FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id ";

VariantRef read_variant(const soci::row& row) {
  VariantRef ref;
  ref.variant_id = row.get<std::string>(0);
  ref.product_id = row.get<std::string>(1);
  ref.seller_id = row.get<std::string>(2);
  ref.product_name = row.get<std::string>(3);
  ref.sku = row.get<std::string>(4);
  ref.options = option_values_from_json(row.get<std::string>(5));
  ref.price_minor = row.get<long long>(6);
  ref.currency = row.get<std::string>(7);
  ref.weight_grams = row.get<int>(8);
  ref.image_url = row.get<std::string>(9);
  ref.active = row.get<int>(10) != 0;
  return ref;
}

}  // namespace

std::map<std::string, VariantRef> VariantStore::find_many(const std::vector<std::string>& variant_ids) {
  std::map<std::string, VariantRef> variants;
  const std::string ids = pg_text_array(variant_ids);
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << kSelect + "WHERE v.id = ANY(CAST(:ids AS text[]))", soci::use(ids, "ids"));
  for (const auto& row : rows) {
    auto ref = read_variant(row);
    variants.emplace(ref.variant_id, std::move(ref));
  }
  return variants;
}

std::vector<VariantRef> VariantStore::of_product(const std::string& product_id) {
  std::vector<VariantRef> variants;
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << kSelect + "WHERE v.product_id = :id ORDER BY v.position, v.id", soci::use(product_id, "id"));
  for (const auto& row : rows) variants.push_back(read_variant(row));
  return variants;
}

std::vector<VariantRef> VariantStore::after(const std::string& after_variant_id, std::size_t limit) {
  std::vector<VariantRef> variants;
  const long long count = static_cast<long long>(limit);
  soci::rowset<soci::row> rows = (tx_.sql().prepare << kSelect + "WHERE v.id > :after ORDER BY v.id LIMIT :limit",
                                  soci::use(after_variant_id, "after"), soci::use(count, "limit"));
  for (const auto& row : rows) variants.push_back(read_variant(row));
  return variants;
}

std::optional<StockUpdate> VariantStore::set_available(const StockLevel& level) {
  auto updates = set_available_many({level});
  if (updates.empty()) return std::nullopt;
  return updates.front();
}

std::vector<StockUpdate> VariantStore::set_available_many(const std::vector<StockLevel>& levels) {
  // The newest figure of each variant: given two rows for one variant, the
  // UPDATE below would apply either.
  std::map<std::string, const StockLevel*> newest;
  for (const auto& level : levels) {
    auto [it, fresh] = newest.emplace(level.variant_id, &level);
    if (!fresh && level.version > it->second->version) it->second = &level;
  }
  std::vector<std::string> ids, figures, versions;
  for (const auto& [id, level] : newest) {
    ids.push_back(id);
    figures.push_back(std::to_string(level->available));
    versions.push_back(std::to_string(level->version));
  }
  const std::string id_array = pg_text_array(ids), figure_array = pg_text_array(figures),
                    version_array = pg_text_array(versions);
  std::vector<std::string> products;
  soci::rowset<std::string> changed =
      (tx_.sql().prepare << "UPDATE catalog.variants v SET available = l.available, stock_version = l.version "
                            "FROM unnest(CAST(:ids AS text[]), CAST(:available AS bigint[]), CAST(:versions AS bigint[])) "
                            "AS l(variant_id, available, version) "
                            "WHERE v.id = l.variant_id AND v.stock_version < l.version RETURNING v.product_id",
       soci::use(id_array, "ids"), soci::use(figure_array, "available"), soci::use(version_array, "versions"));
  for (const auto& product_id : changed) products.push_back(product_id);
  if (products.empty()) return {};
  std::sort(products.begin(), products.end());
  products.erase(std::unique(products.begin(), products.end()), products.end());
  const std::string product_array = pg_text_array(products);
  // The product rows are locked (in id order) before their totals are
  // summed, so concurrent updates of one product's variants apply in turn;
  // the sum is a statement of its own, which sees what they committed.
  std::map<std::string, long long> before;
  soci::rowset<soci::row> locked =
      (tx_.sql().prepare << "SELECT id, stock_available FROM catalog.products "
                            "WHERE id = ANY(CAST(:products AS text[])) ORDER BY id FOR UPDATE",
       soci::use(product_array, "products"));
  for (const auto& row : locked) before[row.get<std::string>(0)] = row.get<long long>(1);
  std::vector<StockUpdate> updates;
  soci::rowset<soci::row> totals =
      (tx_.sql().prepare << "UPDATE catalog.products p SET stock_available = s.available "
                            "FROM (SELECT product_id, sum(available) AS available FROM catalog.variants "
                            "WHERE product_id = ANY(CAST(:products AS text[])) GROUP BY product_id) s "
                            "WHERE p.id = s.product_id RETURNING p.id, p.stock_available",
       soci::use(product_array, "products"));
  for (const auto& row : totals) {
    const std::string id = row.get<std::string>(0);
    const long long after = row.get<long long>(1);
    updates.push_back({id, (before[id] > 0) != (after > 0)});
  }
  return updates;
}

}  // namespace emporium::catalog
