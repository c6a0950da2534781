#include "stock_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>


namespace emporium::inventory {
namespace {

// A list bound as one JSON parameter (`= ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(:ids AS jsonb))))`):
// one round trip for many ids, and the ids stay bound, never part of the SQL.
std::string json_list(const std::vector<std::string>& values) {
  return boost::json::serialize(boost::json::array(values.begin(), values.end()));
}

const std::string kAnyOf = "ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(:ids AS jsonb))))";

// A variant's warehouse rows in allocation order, as one JSON column of the variant's row.
constexpr const char* kWarehousesJson =
    "(SELECT COALESCE(json_agg(json_build_array(s.warehouse_id, s.on_hand, s.reserved) ORDER BY w.position), '[]')"
    "::text FROM inventory.stock s JOIN inventory.warehouses w ON w.id = s.warehouse_id "
    "WHERE s.variant_id = v.variant_id)";

std::vector<WarehouseStock> read_warehouses_json(const std::string& text) {
  std::vector<WarehouseStock> out;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& value : parsed.as_array()) {
    const auto& fields = value.as_array();
    out.push_back({std::string(fields.at(0).as_string()), fields.at(1).to_number<std::int64_t>(),
                   fields.at(2).to_number<std::int64_t>()});
  }
  return out;
}

VariantOwner read_owner(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2)};
}

}  // namespace

std::optional<VariantOwner> StockStore::find_owner(const std::string& variant_id) {
  soci::row row;
  tx_.sql() << "SELECT variant_id, product_id, seller_id FROM inventory.variants WHERE variant_id = :id",
      soci::use(variant_id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_owner(row);
}

void StockStore::add_variant(const VariantOwner& owner) {
  tx_.sql() << "INSERT INTO inventory.variants (variant_id, product_id, seller_id) VALUES (:id, :product, :seller) "
               "ON CONFLICT (variant_id) DO NOTHING",
      soci::use(owner.variant_id, "id"), soci::use(owner.product_id, "product"), soci::use(owner.seller_id, "seller");
}

std::vector<VariantRow> StockStore::lock_variants(const std::vector<std::string>& variant_ids, bool with_warehouses) {
  std::string ids = json_list(variant_ids);
  std::string lock;
  if (with_warehouses) {
    // The warehouse rows must be read after the locks are granted, by a
    // statement whose snapshot sees what the locks' previous holders
    // committed: the lock is a statement of its own, ahead of the read in
    // the same round trip (Tx::defer).
    tx_.defer("SELECT 1 FROM inventory.variants WHERE variant_id = ANY(ARRAY(SELECT jsonb_array_elements_text("
              "CAST($1 AS jsonb)))) ORDER BY variant_id FOR UPDATE",
              {ids});
  } else {
    // Locked by the read itself, whose locked rows are their latest versions.
    lock = " FOR UPDATE OF v";
  }
  // Either way the sort runs below the row locks, so the rows are locked in id order.
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT v.variant_id, v.product_id, v.seller_id, v.on_hand, v.reserved, t.threshold, " +
                                std::string(with_warehouses ? kWarehousesJson : "''") +
                                ", v.version FROM inventory.variants v "
                                "LEFT JOIN inventory.product_thresholds t ON t.product_id = v.product_id "
                                "WHERE v.variant_id = " + kAnyOf + " ORDER BY v.variant_id" + lock,
       soci::use(ids, "ids"));
  std::vector<VariantRow> out;
  for (const auto& row : rows) {
    VariantRow variant{read_owner(row), row.get<long long>(3), row.get<long long>(4), std::nullopt, {}};
    if (row.get_indicator(5) != soci::i_null) variant.own_threshold = row.get<long long>(5);
    if (with_warehouses) variant.warehouses = read_warehouses_json(row.get<std::string>(6));
    variant.version = row.get<long long>(7);
    out.push_back(std::move(variant));
  }
  return out;
}

std::vector<std::string> StockStore::variant_ids_of_product(const std::string& product_id) {
  soci::rowset<std::string> rows =
      (tx_.sql().prepare << "SELECT variant_id FROM inventory.variants WHERE product_id = :product ORDER BY variant_id",
       soci::use(product_id, "product"));
  return {rows.begin(), rows.end()};
}

void StockStore::change_stock(const std::map<StockRowKey, StockDelta>& rows,
                              const std::map<std::string, StockDelta>& totals) {
  boost::json::array row_deltas;
  for (const auto& [key, delta] : rows) {
    row_deltas.push_back({{"variant_id", key.first},
                          {"warehouse_id", key.second},
                          {"on_hand_delta", delta.on_hand},
                          {"reserved_delta", delta.reserved}});
  }
  boost::json::array total_deltas;
  for (const auto& [variant_id, delta] : totals) {
    total_deltas.push_back({{"variant_id", variant_id}, {"on_hand_delta", delta.on_hand}, {"reserved_delta", delta.reserved}});
  }
  // The variants are locked, so no other writer adds or changes these rows
  // between the statement's snapshot and its writes: a row that exists is
  // updated, one that does not is created, and the CHECK constraints refuse
  // any that would end up invalid.
  tx_.defer("WITH d AS (SELECT * FROM jsonb_to_recordset(CAST($1 AS jsonb))"
            "   AS r(variant_id text, warehouse_id text, on_hand_delta bigint, reserved_delta bigint)),"
            " updated AS ("
            " UPDATE inventory.stock s SET on_hand = s.on_hand + d.on_hand_delta,"
            "   reserved = s.reserved + d.reserved_delta, updated_at = now() FROM d"
            " WHERE s.variant_id = d.variant_id AND s.warehouse_id = d.warehouse_id),"
            " added AS ("
            " INSERT INTO inventory.stock (variant_id, warehouse_id, on_hand, reserved)"
            " SELECT d.variant_id, d.warehouse_id, d.on_hand_delta, d.reserved_delta FROM d WHERE NOT EXISTS ("
            "   SELECT 1 FROM inventory.stock s WHERE s.variant_id = d.variant_id AND s.warehouse_id = d.warehouse_id))"
            " UPDATE inventory.variants v SET on_hand = v.on_hand + t.on_hand_delta,"
            "   reserved = v.reserved + t.reserved_delta, version = v.version + 1, updated_at = now()"
            " FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS t(variant_id text, on_hand_delta bigint, reserved_delta bigint)"
            " WHERE v.variant_id = t.variant_id",
            {boost::json::serialize(row_deltas), boost::json::serialize(total_deltas)});
}

std::optional<std::int64_t> StockStore::own_threshold(const std::string& product_id) {
  long long threshold = 0;
  tx_.sql() << "SELECT threshold FROM inventory.product_thresholds WHERE product_id = :product",
      soci::use(product_id, "product"), soci::into(threshold);
  if (!tx_.sql().got_data()) return std::nullopt;
  return threshold;
}

void StockStore::set_threshold(const std::string& product_id, std::optional<std::int64_t> threshold) {
  if (!threshold) {
    tx_.sql() << "DELETE FROM inventory.product_thresholds WHERE product_id = :product", soci::use(product_id, "product");
    return;
  }
  long long value = *threshold;
  tx_.sql() << "INSERT INTO inventory.product_thresholds (product_id, threshold) VALUES (:product, :threshold) "
               "ON CONFLICT (product_id) DO UPDATE SET threshold = EXCLUDED.threshold, updated_at = now()",
      soci::use(product_id, "product"), soci::use(value, "threshold");
}

std::optional<StockLevel> StockStore::level(const std::string& variant_id, std::int64_t default_threshold) {
  long long fallback = default_threshold;
  soci::row row;
  tx_.sql() << "SELECT v.variant_id, v.product_id, v.seller_id, v.on_hand, v.reserved, "
               "COALESCE(t.threshold, :fallback), " + std::string(kWarehousesJson) +
                   " FROM inventory.variants v "
                   "LEFT JOIN inventory.product_thresholds t ON t.product_id = v.product_id WHERE v.variant_id = :id",
      soci::use(fallback, "fallback"), soci::use(variant_id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return StockLevel{read_owner(row), row.get<long long>(3), row.get<long long>(4), row.get<long long>(5),
                    read_warehouses_json(row.get<std::string>(6))};
}

std::map<std::string, std::int64_t> StockStore::available(const std::vector<std::string>& variant_ids) {
  std::string ids = json_list(variant_ids);
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT variant_id, available FROM inventory.variants WHERE variant_id = " + kAnyOf,
       soci::use(ids, "ids"));
  std::map<std::string, std::int64_t> out;
  for (const auto& row : rows) out[row.get<std::string>(0)] = row.get<long long>(1);
  return out;
}

Paged<StockLevel> StockStore::low_stock(std::int64_t default_threshold, const kernel::PageRequest& page) {
  const std::string low = "FROM inventory.variants v "
                          "LEFT JOIN inventory.product_thresholds t ON t.product_id = v.product_id "
                          "WHERE v.available <= COALESCE(t.threshold, :fallback)";
  long long fallback = default_threshold, limit = page.per_page, offset = page.offset(), total = 0;
  tx_.sql() << "SELECT count(*) " + low, soci::use(fallback, "fallback"), soci::into(total);
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT v.variant_id, v.product_id, v.seller_id, v.on_hand, v.reserved, "
                            "COALESCE(t.threshold, :fallback) " + low +
                                " ORDER BY v.available, v.variant_id LIMIT :limit OFFSET :offset",
       soci::use(fallback, "fallback"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  Paged<StockLevel> out{total, {}};
  for (const auto& row : rows) {
    out.items.push_back({read_owner(row), row.get<long long>(3), row.get<long long>(4), row.get<long long>(5), {}});
  }
  return out;
}

bool StockStore::has_any_variant() {
  int found = 0;
  tx_.sql() << "SELECT 1 FROM inventory.variants LIMIT 1", soci::into(found);
  return tx_.sql().got_data();
}

std::vector<VariantOwner> StockStore::insert_seeded(const std::vector<SeededVariant>& variants) {
  boost::json::array variant_rows, stock_rows;
  for (const auto& variant : variants) {
    std::int64_t total = 0;
    for (const auto& [warehouse_id, on_hand] : variant.on_hand_by_warehouse) {
      total += on_hand;
      stock_rows.push_back({{"variant_id", variant.owner.variant_id}, {"warehouse_id", warehouse_id}, {"on_hand", on_hand}});
    }
    variant_rows.push_back({{"variant_id", variant.owner.variant_id},
                            {"product_id", variant.owner.product_id},
                            {"seller_id", variant.owner.seller_id},
                            {"on_hand", total}});
  }
  std::string variants_json = boost::json::serialize(variant_rows), stock_json = boost::json::serialize(stock_rows);
  // One round trip per batch; the foreign keys of the stock rows are checked
  // at the end of the statement, after the variants are in.
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "WITH added AS ("
                            " INSERT INTO inventory.variants (variant_id, product_id, seller_id, on_hand, version)"
                            " SELECT variant_id, product_id, seller_id, on_hand, 1 FROM jsonb_to_recordset(CAST(:variants AS jsonb))"
                            "   AS r(variant_id text, product_id text, seller_id text, on_hand bigint)"
                            " ON CONFLICT (variant_id) DO NOTHING RETURNING variant_id, product_id, seller_id),"
                            " stocked AS ("
                            " INSERT INTO inventory.stock (variant_id, warehouse_id, on_hand)"
                            " SELECT s.variant_id, s.warehouse_id, s.on_hand FROM jsonb_to_recordset(CAST(:stock AS jsonb))"
                            "   AS s(variant_id text, warehouse_id text, on_hand bigint)"
                            " JOIN added a ON a.variant_id = s.variant_id)"
                            " SELECT variant_id, product_id, seller_id FROM added ORDER BY variant_id",
       soci::use(variants_json, "variants"), soci::use(stock_json, "stock"));
  std::vector<VariantOwner> out;
  for (const auto& row : rows) out.push_back(read_owner(row));
  return out;
}

}  // namespace emporium::inventory
