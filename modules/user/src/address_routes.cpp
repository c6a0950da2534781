#include "emporium/kernel/json_response.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"
#include "user_json.hpp"

namespace emporium::user {

void add_address_routes(kernel::Router& router, const kernel::Auth& auth, UserServices& services) {
  auto& s = services;

  router.add("GET", "/api/v1/users/me/addresses", [&s, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        auto found = s.addresses.list(caller.user_id, page);
        return page_response(found.total, found.items, page, address_json);
      });
    });
  });

  router.add("POST", "/api/v1/users/me/addresses", [&s, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto fields = read_address(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto address = s.addresses.add(caller.user_id, *fields);
        if (!address) return reply(request, address.error());
        return kernel::json_response(201, address_json(address.value()));
      });
    });
  });

  router.add("PUT", "/api/v1/users/me/addresses/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto fields = read_address(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto address = s.addresses.replace(caller.user_id, std::string(request.param("id")), *fields);
        if (!address) return reply(request, address.error());
        return kernel::json_response(200, address_json(address.value()));
      });
    });
  });

  router.add("DELETE", "/api/v1/users/me/addresses/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      if (auto removed = s.addresses.remove(caller.user_id, std::string(request.param("id"))); !removed) {
        return reply(request, removed.error());
      }
      return Response::empty(204);
    });
  });
}

}  // namespace emporium::user
