#include "product_json.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"

namespace emporium::catalog {

void add_review_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services) {
  auto& s = services;

  router.add("GET", "/api/v1/products/{id}/reviews", [&s](Request& request) {
    return with_page(request, [&](const kernel::PageRequest& paging) {
      auto found = s.reviews.list(std::string(request.param("id")), paging);
      if (!found) return reply(request, found.failure());
      return json_text(200, reviews_body(found.value(), paging));
    });
  });

  router.add("POST", "/api/v1/products/{id}/reviews", [&s, &auth](Request& request) {
    return with_caller(auth, request, {kernel::Role::customer}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto input = read_review(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto added = s.reviews.add(caller, std::string(request.param("id")), input);
        if (!added) return reply(request, added.failure());
        return json_text(201, review_body(added.value()));
      });
    });
  });
}

}  // namespace emporium::catalog
