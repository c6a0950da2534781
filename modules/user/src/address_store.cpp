#include "address_store.hpp"

#include "opaque_token.hpp"

namespace emporium::user {
namespace {

const std::string kColumns =
    "id, name, line1, line2, city, region, postal_code, country, users.rfc3339(created_at), users.rfc3339(updated_at)";

Address read_address(const soci::row& row) {
  Address address;
  address.id = row.get<std::string>(0);
  address.fields = {row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3),
                    row.get<std::string>(4), row.get<std::string>(5), row.get<std::string>(6),
                    row.get<std::string>(7)};
  address.created_at = row.get<std::string>(8);
  address.updated_at = row.get<std::string>(9);
  return address;
}

std::vector<Address> read_all(soci::rowset<soci::row>& rows) {
  std::vector<Address> out;
  for (const auto& row : rows) out.push_back(read_address(row));
  return out;
}

}  // namespace

AddressPage AddressStore::list(const std::string& user_id, const kernel::PageRequest& page) {
  AddressPage out;
  long long total = 0, limit = page.per_page, offset = page.offset();
  tx_.sql() << "SELECT count(*) FROM users.addresses WHERE user_id = :user_id", soci::use(user_id, "user_id"),
      soci::into(total);
  out.total = total;
  soci::rowset<soci::row> rows = (tx_.sql().prepare << "SELECT " + kColumns +
                                                           " FROM users.addresses WHERE user_id = :user_id "
                                                           "ORDER BY created_at, id LIMIT :limit OFFSET :offset",
                                  soci::use(user_id, "user_id"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  out.items = read_all(rows);
  return out;
}

std::optional<Address> AddressStore::find(const std::string& user_id, const std::string& id) {
  soci::rowset<soci::row> rows = (tx_.sql().prepare << "SELECT " + kColumns +
                                                           " FROM users.addresses WHERE user_id = :user_id AND id = :id",
                                  soci::use(user_id, "user_id"), soci::use(id, "id"));
  auto found = read_all(rows);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Address> AddressStore::all(const std::string& user_id) {
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kColumns + " FROM users.addresses WHERE user_id = :user_id ORDER BY created_at, id",
       soci::use(user_id, "user_id"));
  return read_all(rows);
}

std::optional<Address> AddressStore::insert(const std::string& user_id, const AddressFields& fields,
                                            std::int64_t max_addresses) {
  std::string id = new_id("adr_");
  long long max = max_addresses;
  soci::row row;
  tx_.sql() << "INSERT INTO users.addresses (id, user_id, name, line1, line2, city, region, postal_code, country) "
               "SELECT :id, :user_id, :name, :line1, :line2, :city, :region, :postal_code, :country "
               "WHERE (SELECT count(*) FROM users.addresses WHERE user_id = :owner) < :max RETURNING " + kColumns,
      soci::use(id, "id"), soci::use(user_id, "user_id"), soci::use(fields.name, "name"),
      soci::use(fields.line1, "line1"), soci::use(fields.line2, "line2"), soci::use(fields.city, "city"),
      soci::use(fields.region, "region"), soci::use(fields.postal_code, "postal_code"),
      soci::use(fields.country, "country"), soci::use(user_id, "owner"), soci::use(max, "max"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_address(row);
}

std::optional<Address> AddressStore::update(const std::string& user_id, const std::string& id,
                                            const AddressFields& fields) {
  soci::row row;
  tx_.sql() << "UPDATE users.addresses SET name = :name, line1 = :line1, line2 = :line2, city = :city, "
               "region = :region, postal_code = :postal_code, country = :country, updated_at = now() "
               "WHERE id = :id AND user_id = :user_id RETURNING " + kColumns,
      soci::use(fields.name, "name"), soci::use(fields.line1, "line1"), soci::use(fields.line2, "line2"),
      soci::use(fields.city, "city"), soci::use(fields.region, "region"),
      soci::use(fields.postal_code, "postal_code"), soci::use(fields.country, "country"), soci::use(id, "id"),
      soci::use(user_id, "user_id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_address(row);
}

bool AddressStore::remove(const std::string& user_id, const std::string& id) {
  std::string removed;
  tx_.sql() << "DELETE FROM users.addresses WHERE id = :id AND user_id = :user_id RETURNING id", soci::use(id, "id"),
      soci::use(user_id, "user_id"), soci::into(removed);
  return tx_.sql().got_data();
}

void AddressStore::delete_all_of(const std::string& user_id) {
  tx_.sql() << "DELETE FROM users.addresses WHERE user_id = :user_id", soci::use(user_id, "user_id");
}

}  // namespace emporium::user
