#include "product_json.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"

namespace emporium::catalog {

void add_product_write_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services) {
  auto& s = services;
  using kernel::Role;

  router.add("POST", "/api/v1/products", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::seller, Role::admin}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto input = read_product(body, true);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto created = s.products.create(caller, input);
        if (!created) return reply(request, created.failure());
        auto response = json_text(201, product_body(created.value()));
        response.set_header("Location", "/api/v1/products/" + created->summary.id);
        return response;
      });
    });
  });

  router.add("PATCH", "/api/v1/products/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::seller, Role::admin}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto input = read_product(body, false);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto updated = s.products.update(caller, std::string(request.param("id")), input);
        if (!updated) return reply(request, updated.failure());
        return json_text(200, product_body(updated.value()));
      });
    });
  });

  router.add("DELETE", "/api/v1/products/{id}", [&s, &auth](Request& request) {
    return with_caller(auth, request, {Role::seller, Role::admin}, [&](const kernel::Principal& caller) {
      auto archived = s.products.archive(caller, std::string(request.param("id")));
      if (!archived) return reply(request, archived.failure());
      return Response::empty(204);
    });
  });
}

}  // namespace emporium::catalog
