#include "cart_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace emporium::cart {
namespace {

const std::string kCartColumns =
    "id, COALESCE(owner_user_id, ''), status, COALESCE(order_id, ''), currency, cart.rfc3339(created_at), "
    "cart.rfc3339(updated_at), COALESCE(cart.rfc3339(expires_at), '')";

CartRow read_cart(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3),
          row.get<std::string>(4), row.get<std::string>(5), row.get<std::string>(6), row.get<std::string>(7)};
}

long long hours(std::chrono::hours ttl) { return ttl.count(); }

// The cart's items as one JSON column of the cart's own row, so the cart
// and its items come back in one round trip and from one snapshot.
const std::string kItemsJson =
    "(SELECT COALESCE(json_agg(json_build_array(i.id, i.variant_id, i.product_id, i.quantity, "
    "i.seen_unit_price_minor) ORDER BY i.created_at, i.id), '[]')::text FROM cart.items i WHERE i.cart_id = c.id)";

std::vector<ItemRow> read_items_json(const std::string& text) {
  std::vector<ItemRow> items;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& value : parsed.as_array()) {
    const auto& item = value.as_array();
    items.push_back({std::string(item.at(0).as_string()), std::string(item.at(1).as_string()),
                     std::string(item.at(2).as_string()), item.at(3).to_number<std::int64_t>(),
                     item.at(4).to_number<std::int64_t>()});
  }
  return items;
}

// A row of kCartColumns followed by kItemsJson.
StoredCart read_stored_cart(const soci::row& row) {
  return {read_cart(row), read_items_json(row.get<std::string>(8))};
}

}  // namespace

CartRow CartStore::create_guest(const std::string& id, std::chrono::hours ttl) {
  soci::row row;
  long long ttl_hours = hours(ttl);
  tx_.sql() << "INSERT INTO cart.carts (id, expires_at) VALUES (:id, now() + CAST(:ttl AS integer) * interval '1 hour') "
               "RETURNING " + kCartColumns,
      soci::use(id, "id"), soci::use(ttl_hours, "ttl"), soci::into(row);
  return read_cart(row);
}

StoredCart CartStore::own_cart(const std::string& user_id, const std::string& new_id) {
  // Two statements in one round trip: the SELECT takes a new snapshot, so it
  // sees a cart that a concurrent request created while this INSERT waited on
  // the unique index.
  tx_.defer("INSERT INTO cart.carts (id, owner_user_id) VALUES ($1, $2) "
            "ON CONFLICT (owner_user_id) WHERE status = 'active' DO NOTHING",
            {new_id, user_id});
  soci::row row;
  tx_.sql() << "SELECT " + kCartColumns + ", " + kItemsJson +
                   " FROM cart.carts c WHERE owner_user_id = :owner AND status = 'active'",
      soci::use(user_id, "owner"), soci::into(row);
  return read_stored_cart(row);
}

std::optional<CartRow> CartStore::find(const std::string& id, bool lock, bool include_expired) {
  soci::row row;
  tx_.sql() << "SELECT " + kCartColumns + " FROM cart.carts WHERE id = :id" +
                   (include_expired ? "" : " AND (expires_at IS NULL OR expires_at > now())") + (lock ? " FOR UPDATE" : ""),
      soci::use(id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_cart(row);
}

std::optional<StoredCart> CartStore::find_with_items(const std::string& id) {
  soci::row row;
  tx_.sql() << "SELECT " + kCartColumns + ", " + kItemsJson +
                   " FROM cart.carts c WHERE id = :id AND (expires_at IS NULL OR expires_at > now())",
      soci::use(id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_stored_cart(row);
}

std::optional<StoredCart> CartStore::lock_with_items(const std::string& id) {
  tx_.defer("SELECT 1 FROM cart.carts WHERE id = $1 FOR UPDATE", {id});
  return find_with_items(id);
}

void CartStore::put_item(const std::string& cart_id, const std::string& new_item_id, const ItemRow& item) {
  tx_.defer("INSERT INTO cart.items (id, cart_id, variant_id, product_id, quantity, seen_unit_price_minor) "
            "VALUES ($1, $2, $3, $4, CAST($5 AS integer), $6) "
            "ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity, "
            "seen_unit_price_minor = EXCLUDED.seen_unit_price_minor, updated_at = now()",
            {new_item_id, cart_id, item.variant_id, item.product_id, std::to_string(item.quantity),
             std::to_string(item.seen_unit_price_minor)});
}

void CartStore::delete_item(const std::string& cart_id, const std::string& item_id) {
  tx_.defer("DELETE FROM cart.items WHERE cart_id = $1 AND id = $2", {cart_id, item_id});
}

void CartStore::delete_items(const std::string& cart_id) {
  tx_.defer("DELETE FROM cart.items WHERE cart_id = $1", {cart_id});
}

StoredCart CartStore::touch(const std::string& cart_id, const std::string& currency, std::chrono::hours ttl) {
  long long ttl_hours = hours(ttl);
  soci::row row;
  // The items' subquery sees this unit's earlier writes; a concurrent writer
  // waits for the cart's row lock, which every item change takes first.
  tx_.commit_with_next_statement();
  tx_.sql() << "UPDATE cart.carts c SET updated_at = now(), currency = :currency, expires_at = CASE WHEN "
               "owner_user_id IS NULL THEN now() + CAST(:ttl AS integer) * interval '1 hour' END WHERE id = :id "
               "RETURNING " + kCartColumns + ", " + kItemsJson,
      soci::use(currency, "currency"), soci::use(ttl_hours, "ttl"), soci::use(cart_id, "id"), soci::into(row);
  return read_stored_cart(row);
}

void CartStore::mark_merged(const std::string& cart_id) {
  tx_.defer("UPDATE cart.carts SET status = 'merged', updated_at = now() WHERE id = $1", {cart_id});
}

void CartStore::mark_checked_out(const std::string& cart_id, const std::string& order_id) {
  tx_.defer("UPDATE cart.carts SET status = 'checked_out', order_id = $1, updated_at = now() WHERE id = $2",
            {order_id, cart_id});
}

std::int64_t CartStore::delete_expired(std::int64_t limit) {
  long long batch = limit;
  long long deleted = 0;
  tx_.sql() << "WITH due AS (SELECT id FROM cart.carts WHERE owner_user_id IS NULL AND expires_at <= now() "
               "ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED), "
               "gone AS (DELETE FROM cart.carts c USING due WHERE c.id = due.id RETURNING 1) "
               "SELECT count(*) FROM gone",
      soci::use(batch, "limit"), soci::into(deleted);
  return deleted;
}

std::int64_t CartStore::erase_user(const std::string& user_id) {
  soci::statement st = (tx_.sql().prepare << "DELETE FROM cart.carts WHERE owner_user_id = :owner",
                        soci::use(user_id, "owner"));
  st.execute(true);
  return st.get_affected_rows();
}

std::vector<StoredCart> CartStore::carts_of(const std::string& user_id) {
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kCartColumns + ", " + kItemsJson +
                                " FROM cart.carts c WHERE owner_user_id = :owner ORDER BY created_at, id",
       soci::use(user_id, "owner"));
  std::vector<StoredCart> out;
  for (const auto& row : rows) out.push_back(read_stored_cart(row));
  return out;
}

}  // namespace emporium::cart
