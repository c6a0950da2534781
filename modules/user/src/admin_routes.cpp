#include "emporium/kernel/json_response.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"
#include "user_json.hpp"

namespace emporium::user {
namespace {

constexpr std::size_t kQueryMaxLength = 254;

}  // namespace

void add_admin_routes(kernel::Router& router, const kernel::Auth& auth, UserServices& services) {
  auto& s = services;
  using kernel::Role;

  router.add("GET", "/api/v1/users", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        AccountSearch search{std::string(request.query_param("q").value_or("")), std::nullopt, page};
        if (search.query.size() > kQueryMaxLength) {
          return reply(request, kernel::Problem::bad_request("invalid_query", "q is too long."));
        }
        if (auto role = request.query_param("role"); role && !role->empty()) {
          search.role = kernel::parse_role(*role);
          if (!search.role) {
            return reply(request, kernel::Problem::bad_request("invalid_query",
                                                               "role must be one of customer, seller, admin."));
          }
        }
        auto found = s.accounts.search(search);
        return page_response(found.total, found.items, page, account_json);
      });
    });
  });

  router.add("GET", "/api/v1/users/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      auto account = s.accounts.find(std::string(request.param("id")));
      if (!account) return reply(request, kernel::Problem::not_found("No such user."));
      return kernel::json_response(200, account_json(*account));
    });
  });

  router.add("PUT", "/api/v1/users/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto changes = read_admin_changes(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto account = s.accounts.update_by_admin(caller.user_id, std::string(request.param("id")), changes);
        if (!account) return reply(request, account.error());
        return kernel::json_response(200, account_json(account.value()));
      });
    });
  });

  router.add("DELETE", "/api/v1/users/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      if (auto erased = s.accounts.erase(std::string(request.param("id"))); !erased) {
        return reply(request, erased.error());
      }
      return Response::empty(204);
    });
  });
}

}  // namespace emporium::user
