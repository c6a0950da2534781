#include "product_json.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"

namespace emporium::catalog {

void add_category_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services) {
  auto& s = services;
  using kernel::Role;

  router.add("GET", "/api/v1/categories", [&s](Request& request) {
    return cached_reply(request, s.reads.categories(), "No categories.");
  });

  router.add("POST", "/api/v1/categories", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto fields = read_category(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto created = s.categories.create(fields);
        if (!created) return reply(request, created.failure());
        return json_text(201, category_body(created.value()));
      });
    });
  });

  router.add("PUT", "/api/v1/categories/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto fields = read_category(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto updated = s.categories.update(std::string(request.param("id")), fields);
        if (!updated) return reply(request, updated.failure());
        return json_text(200, category_body(updated.value()));
      });
    });
  });

  router.add("DELETE", "/api/v1/categories/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      auto removed = s.categories.remove(std::string(request.param("id")));
      if (!removed) return reply(request, removed.failure());
      return Response::empty(204);
    });
  });
}

}  // namespace emporium::catalog
