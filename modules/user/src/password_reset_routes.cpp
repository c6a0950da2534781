#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"

namespace emporium::user {

void add_password_reset_routes(kernel::Router& router, UserServices& services) {
  auto& s = services;

  // 202 whatever the email: the answer must not tell who has an account.
  router.add("POST", "/api/v1/auth/password-reset", [&s](Request& request) {
    return with_json_body(request, [&](kernel::JsonBody& body) {
      auto email = read_credential(body, "email");
      if (auto problem = body.finish()) return reply(request, *problem);
      s.password_reset.request(*email);
      return Response::empty(202);
    });
  }, {"auth"});

  router.add("POST", "/api/v1/auth/password-reset/confirm", [&s](Request& request) {
    return with_json_body(request, [&](kernel::JsonBody& body) {
      auto token = read_credential(body, "token");
      auto password = read_new_password(body);
      if (auto problem = body.finish()) return reply(request, *problem);
      if (auto confirmed = s.password_reset.confirm(*token, *password); !confirmed) {
        return reply(request, confirmed.error());
      }
      return Response::empty(204);
    });
  }, {"auth"});
}

}  // namespace emporium::user
