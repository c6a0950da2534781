#include "account_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "account_rules.hpp"

namespace emporium::user {
namespace {

const std::string kColumns =
    "id, email, name, COALESCE(phone, ''), role, CAST(disabled AS integer), users.rfc3339(created_at), "
    "users.rfc3339(updated_at)";

const std::string kSearchFilter =
    " FROM users.accounts WHERE deleted_at IS NULL"
    " AND (:q = '' OR email_key ILIKE :email_pattern OR name ILIKE :name_pattern)"
    " AND (:role = '' OR role = :role_value)";

Account read_account(const soci::row& row) {
  Account account;
  account.id = row.get<std::string>(0);
  account.email = row.get<std::string>(1);
  account.name = row.get<std::string>(2);
  account.phone = row.get<std::string>(3);
  account.role = kernel::parse_role(row.get<std::string>(4)).value_or(kernel::Role::customer);
  account.disabled = row.get<int>(5) != 0;
  account.created_at = row.get<std::string>(6);
  account.updated_at = row.get<std::string>(7);
  return account;
}

// A LIKE pattern that matches `text` anywhere, with its wildcards escaped.
std::string contains_pattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace

bool AccountStore::insert(const NewAccountRow& row) {
  std::string role(kernel::role_name(row.role));
  std::string email_key = normalize_email(row.email);
  std::string inserted;
  tx_.sql() << "INSERT INTO users.accounts (id, email, email_key, name, role, password_hash) "
               "VALUES (:id, :email, :email_key, :name, :role, :hash) "
               "ON CONFLICT (email_key) DO NOTHING RETURNING id",
      soci::use(row.id, "id"), soci::use(row.email, "email"), soci::use(email_key, "email_key"),
      soci::use(row.name, "name"), soci::use(role, "role"), soci::use(row.password_hash, "hash"),
      soci::into(inserted);
  return tx_.sql().got_data();
}

std::optional<Account> AccountStore::find(const std::string& id) {
  soci::row row;
  tx_.sql() << "SELECT " + kColumns + " FROM users.accounts WHERE id = :id AND deleted_at IS NULL", soci::use(id, "id"),
      soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_account(row);
}

std::vector<Account> AccountStore::find_many(const std::vector<std::string>& ids) {
  std::vector<Account> accounts;
  if (ids.empty()) return accounts;
  boost::json::array list;
  for (const auto& id : ids) list.emplace_back(id);
  const std::string id_list = boost::json::serialize(list);
  // The ids as one JSON parameter: ids are text chosen elsewhere, so no array literal is built here.
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kColumns +
                                " FROM users.accounts WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text("
                                "CAST(:ids AS jsonb)))) AND deleted_at IS NULL",
       soci::use(id_list, "ids"));
  for (const auto& row : rows) accounts.push_back(read_account(row));
  return accounts;
}

std::optional<Account> AccountStore::find_by_email(const std::string& email) {
  std::string email_key = normalize_email(email);
  soci::row row;
  tx_.sql() << "SELECT " + kColumns + " FROM users.accounts WHERE email_key = :email_key AND deleted_at IS NULL",
      soci::use(email_key, "email_key"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_account(row);
}

std::optional<Credentials> AccountStore::credentials(const std::string& email) {
  std::string email_key = normalize_email(email);
  Credentials out;
  std::string role;
  int active = 0;
  tx_.sql() << "SELECT id, password_hash, role, CAST(NOT disabled AND deleted_at IS NULL AS integer) "
               "FROM users.accounts WHERE email_key = :email_key",
      soci::use(email_key, "email_key"), soci::into(out.id), soci::into(out.password_hash), soci::into(role),
      soci::into(active);
  if (!tx_.sql().got_data()) return std::nullopt;
  out.role = kernel::parse_role(role).value_or(kernel::Role::customer);
  out.active = active != 0;
  return out;
}

std::optional<AccountState> AccountStore::state(const std::string& id) {
  std::string role;
  int active = 0;
  tx_.sql() << "SELECT role, CAST(NOT disabled AND deleted_at IS NULL AS integer) FROM users.accounts WHERE id = :id",
      soci::use(id, "id"), soci::into(role), soci::into(active);
  if (!tx_.sql().got_data()) return std::nullopt;
  return AccountState{kernel::parse_role(role).value_or(kernel::Role::customer), active != 0};
}

void AccountStore::set_password_hash(const std::string& id, const std::string& hash) {
  tx_.sql() << "UPDATE users.accounts SET password_hash = :hash, updated_at = now() WHERE id = :id",
      soci::use(hash, "hash"), soci::use(id, "id");
}

std::optional<Account> AccountStore::update(const std::string& id, const AccountChanges& changes) {
  int set_name = changes.name.has_value(), set_phone = changes.phone.has_value();
  int set_role = changes.role.has_value(), set_disabled = changes.disabled.has_value();
  std::string name = changes.name.value_or(""), phone = changes.phone.value_or("");
  std::string role(kernel::role_name(changes.role.value_or(kernel::Role::customer)));
  int disabled = changes.disabled.value_or(false);
  soci::row row;
  tx_.sql() << "UPDATE users.accounts SET "
               "name = CASE WHEN :set_name = 1 THEN :name ELSE name END, "
               "phone = CASE WHEN :set_phone = 1 THEN NULLIF(:phone, '') ELSE phone END, "
               "role = CASE WHEN :set_role = 1 THEN :role ELSE role END, "
               "disabled = CASE WHEN :set_disabled = 1 THEN :disabled = 1 ELSE disabled END, "
               "updated_at = now() "
               "WHERE id = :id AND deleted_at IS NULL RETURNING " + kColumns,
      soci::use(set_name, "set_name"), soci::use(name, "name"), soci::use(set_phone, "set_phone"),
      soci::use(phone, "phone"), soci::use(set_role, "set_role"), soci::use(role, "role"),
      soci::use(set_disabled, "set_disabled"), soci::use(disabled, "disabled"), soci::use(id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_account(row);
}

bool AccountStore::erase(const std::string& id) {
  std::string erased;
  // The .invalid top-level domain (RFC 2606) can never receive mail, and the
  // id keeps the unique email key unique.
  tx_.sql() << "UPDATE users.accounts SET email = id || '@erased.invalid', email_key = id || '@erased.invalid', "
               "name = '', phone = NULL, password_hash = '', deleted_at = now(), updated_at = now() "
               "WHERE id = :id AND deleted_at IS NULL RETURNING id",
      soci::use(id, "id"), soci::into(erased);
  return tx_.sql().got_data();
}

AccountPage AccountStore::search(const AccountSearch& search) {
  std::string email_pattern = contains_pattern(search.query), name_pattern = email_pattern;
  std::string role = search.role ? std::string(kernel::role_name(*search.role)) : "", role_value = role;
  long long limit = search.page.per_page, offset = search.page.offset();
  AccountPage page;
  long long total = 0;
  tx_.sql() << "SELECT count(*)" + kSearchFilter, soci::use(search.query, "q"),
      soci::use(email_pattern, "email_pattern"), soci::use(name_pattern, "name_pattern"), soci::use(role, "role"),
      soci::use(role_value, "role_value"), soci::into(total);
  page.total = total;
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kColumns + kSearchFilter + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset",
       soci::use(search.query, "q"), soci::use(email_pattern, "email_pattern"), soci::use(name_pattern, "name_pattern"),
       soci::use(role, "role"), soci::use(role_value, "role_value"), soci::use(limit, "limit"),
       soci::use(offset, "offset"));
  for (const auto& row : rows) page.items.push_back(read_account(row));
  return page;
}

}  // namespace emporium::user
