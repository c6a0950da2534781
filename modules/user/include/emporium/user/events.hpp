#pragma once
// The events the user module publishes (to users.outbox), with their JSON
// payloads. Each is version 1. Subscribers parse the payload with the
// functions here so that the field names live in one place.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace emporium::user {

inline constexpr int kEventVersion = 1;

// A new account (self-registration or `emporium user create`): the welcome email.
inline constexpr std::string_view kUserRegistered = "user.registered";
struct UserRegistered {
  std::string user_id;
  std::string email;
  std::string name;
};

// A password reset was asked for an existing, active account. Carries the
// reset token itself (the email must contain it); the database keeps only
// its hash. Single use, valid until `expires_at` (RFC 3339).
inline constexpr std::string_view kPasswordResetRequested = "user.password_reset_requested";
struct PasswordResetRequested {
  std::string user_id;
  std::string email;
  std::string name;
  std::string reset_token;
  std::string expires_at;
};

// An account was erased (by its owner or an admin). Every module that keeps
// personal data about `user_id` subscribes and erases or anonymises it.
inline constexpr std::string_view kUserDeleted = "user.deleted";
struct UserDeleted {
  std::string user_id;
};

inline boost::json::object to_json(const UserRegistered& e) {
  return {{"user_id", e.user_id}, {"email", e.email}, {"name", e.name}};
}
inline boost::json::object to_json(const PasswordResetRequested& e) {
  return {{"user_id", e.user_id}, {"email", e.email}, {"name", e.name}, {"reset_token", e.reset_token},
          {"expires_at", e.expires_at}};
}
inline boost::json::object to_json(const UserDeleted& e) { return {{"user_id", e.user_id}}; }

namespace detail {
inline std::string field(const boost::json::object& payload, std::string_view name) {
  const auto* value = payload.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}
}  // namespace detail

// Missing fields read as empty strings.
inline UserRegistered user_registered_from_json(const boost::json::object& p) {
  return {detail::field(p, "user_id"), detail::field(p, "email"), detail::field(p, "name")};
}
inline PasswordResetRequested password_reset_requested_from_json(const boost::json::object& p) {
  return {detail::field(p, "user_id"), detail::field(p, "email"), detail::field(p, "name"),
          detail::field(p, "reset_token"), detail::field(p, "expires_at")};
}
inline UserDeleted user_deleted_from_json(const boost::json::object& p) { return {detail::field(p, "user_id")}; }

}  // namespace emporium::user
