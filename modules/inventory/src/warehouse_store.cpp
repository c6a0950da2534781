#include "warehouse_store.hpp"

namespace emporium::inventory {
namespace {

const std::string kColumns = "id, name, code, inventory.rfc3339(created_at)";

Warehouse read_warehouse(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3)};
}

}  // namespace

Paged<Warehouse> WarehouseStore::list(const kernel::PageRequest& page) {
  long long total = 0, limit = page.per_page, offset = page.offset();
  tx_.sql() << "SELECT count(*) FROM inventory.warehouses", soci::into(total);
  soci::rowset<soci::row> rows = (tx_.sql().prepare << "SELECT " + kColumns +
                                                           " FROM inventory.warehouses ORDER BY position "
                                                           "LIMIT :limit OFFSET :offset",
                                  soci::use(limit, "limit"), soci::use(offset, "offset"));
  Paged<Warehouse> out{total, {}};
  for (const auto& row : rows) out.items.push_back(read_warehouse(row));
  return out;
}

std::vector<Warehouse> WarehouseStore::all() {
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kColumns + " FROM inventory.warehouses ORDER BY position");
  std::vector<Warehouse> out;
  for (const auto& row : rows) out.push_back(read_warehouse(row));
  return out;
}

std::optional<Warehouse> WarehouseStore::insert(const std::string& name, const std::string& code) {
  soci::row row;
  tx_.sql() << "INSERT INTO inventory.warehouses (name, code) VALUES (:name, :code) "
               "ON CONFLICT (code) DO NOTHING RETURNING " + kColumns,
      soci::use(name, "name"), soci::use(code, "code"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_warehouse(row);
}

bool WarehouseStore::exists(const std::string& id) {
  int found = 0;
  tx_.sql() << "SELECT 1 FROM inventory.warehouses WHERE id = :id", soci::use(id, "id"), soci::into(found);
  return tx_.sql().got_data();
}

std::optional<std::string> WarehouseStore::default_id() {
  std::string id;
  tx_.sql() << "SELECT id FROM inventory.warehouses ORDER BY position LIMIT 1", soci::into(id);
  if (!tx_.sql().got_data()) return std::nullopt;
  return id;
}

}  // namespace emporium::inventory
