#include "product_json.hpp"
#include "route_support.hpp"
#include "routes.hpp"

namespace emporium::catalog {

void add_product_read_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services) {
  auto& s = services;

  router.add("GET", "/api/v1/products", [&s](Request& request) {
    return or_problem(request, parse_listing_query(request), [&](const ListingQuery& query) {
      return cached_reply(request, s.reads.list(query), "No such category.");
    });
  });

  router.add("GET", "/api/v1/products/category/{slug}", [&s](Request& request) {
    return or_problem(request, parse_listing_query(request), [&](const ListingQuery& query) {
      return cached_reply(request, s.reads.category_listing(std::string(request.param("slug")), query),
                          "No such category.");
    });
  });

  router.add("GET", "/api/v1/products/search", [&s](Request& request) {
    return or_problem(request, parse_search_query(request), [&](const SearchQuery& query) {
      return cached_reply(request, s.reads.search(query), "No such category.");
    });
  });

  router.add("GET", "/api/v1/products/{id}", [&s, &auth](Request& request) {
    const std::string id(request.param("id"));
    auto read = s.reads.product(id);
    if (read.response->status == 200) {
      // Shopper views for reports; a seller's or admin's look at a hidden product is not one.
      s.views->viewed(id);
      return cached_reply(request, read, "No such product.");
    }
    // Not public: only its seller or an admin may see it (archived).
    return or_problem(request, auth.optional(request), [&](const std::optional<kernel::Principal>& caller) {
      auto product = s.products.find_for(caller, id);
      if (!product) return reply(request, product.failure());
      return json_text(200, product_body(product.value()));
    });
  });
}

}  // namespace emporium::catalog
