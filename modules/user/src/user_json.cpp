#include "user_json.hpp"

#include "unix_time.hpp"

namespace emporium::user {
namespace {

boost::json::value optional_text(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::string(text);
}

}  // namespace

boost::json::object account_json(const Account& account) {
  return {{"id", account.id},
          {"email", account.email},
          {"name", account.name},
          {"phone", optional_text(account.phone)},
          {"role", kernel::role_name(account.role)},
          {"disabled", account.disabled},
          {"created_at", account.created_at},
          {"updated_at", account.updated_at}};
}

boost::json::object address_json(const Address& address) {
  boost::json::object out{{"id", address.id}};
  for (auto& field : postal_address_json(address.fields)) out.emplace(field.key(), field.value());
  out["created_at"] = address.created_at;
  out["updated_at"] = address.updated_at;
  return out;
}

boost::json::object session_json(const Session& session) {
  return {{"token", session.access_token},
          {"token_type", "Bearer"},
          {"expires_at", rfc3339(session.expires_at)},
          {"refresh_token", session.refresh_token}};
}

}  // namespace emporium::user
