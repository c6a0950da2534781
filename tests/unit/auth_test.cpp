#include <doctest/doctest.h>

#include "emporium/kernel/auth.hpp"

using namespace emporium::kernel;

namespace {

class FixedVerifier final : public TokenVerifier {
 public:
  std::optional<Principal> verify(std::string_view token) override {
    if (token == "admin-token") return Principal{"usr_admin", Role::admin};
    if (token == "customer-token") return Principal{"usr_c", Role::customer};
    return std::nullopt;
  }
};

http::Request with_authorization(std::string value) {
  http::Request request;
  request.headers.emplace_back("Authorization", std::move(value));
  return request;
}

Auth make_auth() {
  Auth auth;
  auth.set_verifier(std::make_shared<FixedVerifier>());
  return auth;
}

}  // namespace

TEST_CASE("auth requires a token and answers 401 unauthenticated without one") {
  auto auth = make_auth();
  auto result = auth.require(http::Request{});
  REQUIRE(std::holds_alternative<Problem>(result));
  CHECK(std::get<Problem>(result).status == 401);
  CHECK(std::get<Problem>(result).code == "unauthenticated");
}

TEST_CASE("auth answers 401 invalid_token for a bad or non-bearer token, even where guests are welcome") {
  auto auth = make_auth();
  for (const char* header : {"Bearer forged", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer"}) {
    auto optional = auth.optional(with_authorization(header));
    REQUIRE(std::holds_alternative<Problem>(optional));
    CHECK(std::get<Problem>(optional).code == "invalid_token");
  }
  auto guest = auth.optional(http::Request{});
  REQUIRE(std::holds_alternative<std::optional<Principal>>(guest));
  CHECK_FALSE(std::get<std::optional<Principal>>(guest).has_value());
}

TEST_CASE("auth enforces roles with 403") {
  auto auth = make_auth();
  auto customer = auth.require(with_authorization("Bearer customer-token"), {Role::admin});
  REQUIRE(std::holds_alternative<Problem>(customer));
  CHECK(std::get<Problem>(customer).status == 403);
  auto admin = auth.require(with_authorization("bearer admin-token"), {Role::admin, Role::seller});
  REQUIRE(std::holds_alternative<Principal>(admin));
  CHECK(std::get<Principal>(admin).user_id == "usr_admin");
}

TEST_CASE("auth without a verifier rejects every token") {
  Auth auth;
  CHECK(std::holds_alternative<Problem>(auth.require(with_authorization("Bearer admin-token"))));
}

TEST_CASE("roles round-trip through their names") {
  for (Role role : {Role::customer, Role::seller, Role::admin}) CHECK(parse_role(role_name(role)) == role);
  CHECK_FALSE(parse_role("root"));
}
