#pragma once
// Who is calling, for every module. The kernel knows only the interface; the
// user module supplies the verifier of access tokens. Handlers ask for the
// caller here, so authentication and role checks live in one place.
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "emporium/kernel/http.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::kernel {

enum class Role { customer, seller, admin };

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

struct Principal {
  std::string user_id;
  Role role = Role::customer;
};

class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  // The principal of a valid access token of an active user, else nullopt.
  // May query the database: call it from the worker pool only.
  virtual std::optional<Principal> verify(std::string_view access_token) = 0;
};

class Auth {
 public:
  void set_verifier(std::shared_ptr<TokenVerifier> verifier) { verifier_ = std::move(verifier); }

  // The caller, or a problem: 401 `unauthenticated` without a token, 401
  // `invalid_token` for a bad one, 403 `forbidden` when the caller's role is
  // not among `roles` (empty: any signed-in user).
  std::variant<Principal, Problem> require(const http::Request& request, std::initializer_list<Role> roles = {}) const;
  // Guests are welcome (nullopt); a token that is present must still be valid.
  std::variant<std::optional<Principal>, Problem> optional(const http::Request& request) const;

  // The bearer token of the Authorization header, if any.
  static std::optional<std::string_view> bearer_token(const http::Request& request);

 private:
  std::shared_ptr<TokenVerifier> verifier_;
};

}  // namespace emporium::kernel
