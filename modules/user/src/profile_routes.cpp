#include "emporium/kernel/json_response.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"
#include "unix_time.hpp"
#include "user_json.hpp"

namespace emporium::user {

void add_profile_routes(kernel::Router& router, const kernel::Auth& auth, UserServices& services,
                        const kernel::PersonalData& personal_data) {
  auto& s = services;

  router.add("GET", "/api/v1/users/me", [&s, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      auto account = s.accounts.find(caller.user_id);
      if (!account) return reply(request, kernel::Problem::not_found());
      return kernel::json_response(200, account_json(*account));
    });
  });

  router.add("PATCH", "/api/v1/users/me", [&s, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto changes = read_profile_changes(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto account = s.accounts.update(caller.user_id, changes);
        if (!account) return reply(request, account.error());
        return kernel::json_response(200, account_json(account.value()));
      });
    });
  });

  router.add("DELETE", "/api/v1/users/me", [&s, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      if (auto erased = s.accounts.erase(caller.user_id); !erased) return reply(request, erased.error());
      return Response::empty(204);
    });
  });

  router.add("GET", "/api/v1/users/me/export", [&auth, &personal_data](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      auto response = kernel::json_response(200, personal_data.export_user(caller.user_id, rfc3339(unix_now())));
      response.set_header("Content-Disposition", "attachment; filename=\"emporium-personal-data.json\"");
      response.set_header("Cache-Control", "no-store");
      return response;
    });
  });
}

}  // namespace emporium::user
