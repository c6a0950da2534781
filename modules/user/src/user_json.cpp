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
  const auto& f = address.fields;
  return {{"id", address.id},
          {"name", f.name},
          {"line1", f.line1},
          {"line2", optional_text(f.line2)},
          {"city", f.city},
          {"region", optional_text(f.region)},
          {"postal_code", optional_text(f.postal_code)},
          {"country", f.country},
          {"created_at", address.created_at},
          {"updated_at", address.updated_at}};
}

boost::json::object session_json(const Session& session) {
  return {{"token", session.access_token},
          {"token_type", "Bearer"},
          {"expires_at", rfc3339(session.expires_at)},
          {"refresh_token", session.refresh_token}};
}

}  // namespace emporium::user
