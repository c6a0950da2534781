#include "request_fields.hpp"

#include <algorithm>
#include <iterator>

#include "account_rules.hpp"
#include "address_rules.hpp"

namespace emporium::user {
namespace {

// Long enough for any real value, short enough that nothing expensive (an
// Argon2 run, a query) sees megabytes.
constexpr std::size_t kFieldMaxBytes = 1024;

template <class Check>
std::optional<std::string> checked(kernel::JsonBody& body, std::string_view field, bool required, Check check) {
  auto value = body.string(field, {required, 0, kFieldMaxBytes});
  if (!value) return std::nullopt;
  if (auto message = check(*value)) {
    body.add_error(std::string(field), std::move(*message));
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<std::string> read_new_email(kernel::JsonBody& body) {
  return checked(body, "email", true, [](std::string_view v) { return email_error(v); });
}

std::optional<std::string> read_new_password(kernel::JsonBody& body) {
  return checked(body, "password", true, [](std::string_view v) { return password_error(v); });
}

std::optional<std::string> read_name(kernel::JsonBody& body, bool required) {
  return checked(body, "name", required, [](std::string_view v) { return name_error(v); });
}

std::optional<std::string> read_credential(kernel::JsonBody& body, std::string_view field) {
  return body.string(field, {true, 1, kFieldMaxBytes});
}

AccountChanges read_profile_changes(kernel::JsonBody& body) {
  AccountChanges changes;
  changes.name = read_name(body, false);
  if (body.has("phone")) {
    auto phone = checked(body, "phone", false, [](std::string_view v) -> std::optional<std::string> {
      if (v.empty()) return std::nullopt;
      return phone_error(v);
    });
    // null and "" both clear the phone; a bad value was recorded above.
    if (phone || body.value("phone", false) == nullptr) changes.phone = phone.value_or("");
  }
  return changes;
}

AccountChanges read_admin_changes(kernel::JsonBody& body) {
  AccountChanges changes;
  changes.name = read_name(body, false);
  changes.disabled = body.boolean("disabled", false);
  if (auto role = body.string("role", {false, 0, kFieldMaxBytes})) {
    changes.role = kernel::parse_role(*role);
    if (!changes.role) body.add_error("role", "must be one of customer, seller, admin");
  }
  return changes;
}

}  // namespace emporium::user
