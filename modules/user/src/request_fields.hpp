#pragma once
// Reading the module's request fields from a JSON body. Each reader records a
// field error on the body when a value is bad (JsonBody::finish() then
// answers 422 with all of them) and returns the value only when it is good.
#include <optional>
#include <string>
#include <string_view>

#include "account.hpp"
#include "address.hpp"
#include "emporium/kernel/json_body.hpp"

namespace emporium::user {

// A new account's email and password, checked by account_rules.
std::optional<std::string> read_new_email(kernel::JsonBody& body);
std::optional<std::string> read_new_password(kernel::JsonBody& body);
std::optional<std::string> read_name(kernel::JsonBody& body, bool required);
// Sign-in fields: any non-empty string of sane length, so that a malformed
// email is simply a wrong one.
std::optional<std::string> read_credential(kernel::JsonBody& body, std::string_view field);

// PATCH /users/me: {name, phone}, both optional; phone null or "" clears it.
AccountChanges read_profile_changes(kernel::JsonBody& body);
// PUT /users/{id}: {name, role, disabled}, any subset.
AccountChanges read_admin_changes(kernel::JsonBody& body);

}  // namespace emporium::user
