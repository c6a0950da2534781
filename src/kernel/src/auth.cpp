#include "emporium/kernel/auth.hpp"

#include <algorithm>

namespace emporium::kernel {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::customer: return "customer";
    case Role::seller: return "seller";
    case Role::admin: return "admin";
  }
  return "customer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : {Role::customer, Role::seller, Role::admin}) {
    if (role_name(role) == name) return role;
  }
  return std::nullopt;
}

std::optional<std::string_view> Auth::bearer_token(const http::Request& request) {
  auto header = request.header("Authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view kScheme = "Bearer ";
  if (header->size() <= kScheme.size() || !http::iequals(header->substr(0, kScheme.size()), kScheme)) {
    return std::string_view{};  // present but not a bearer token: invalid
  }
  auto token = header->substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  return token;
}

std::variant<std::optional<Principal>, Problem> Auth::optional(const http::Request& request) const {
  auto token = bearer_token(request);
  if (!token) return std::optional<Principal>{};
  std::optional<Principal> principal;
  if (!token->empty() && verifier_) principal = verifier_->verify(*token);
  if (!principal) return Problem::unauthorized("invalid_token", "The access token is invalid or has expired.");
  return principal;
}

std::variant<Principal, Problem> Auth::require(const http::Request& request, std::initializer_list<Role> roles) const {
  auto caller = optional(request);
  if (auto* problem = std::get_if<Problem>(&caller)) return *problem;
  auto& principal = std::get<std::optional<Principal>>(caller);
  if (!principal) return Problem::unauthorized("unauthenticated", "Sign in to use this endpoint.");
  if (roles.size() > 0 && std::find(roles.begin(), roles.end(), principal->role) == roles.end()) {
    return Problem::forbidden("Your role may not use this endpoint.");
  }
  return *principal;
}

}  // namespace emporium::kernel
