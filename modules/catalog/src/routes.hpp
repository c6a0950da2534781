#pragma once
// The module's HTTP endpoints, one file per group. Routes only parse, call
// a service and shape the answer.
#include "catalog_services.hpp"
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/router.hpp"

namespace emporium::catalog {

// GET /api/v1/products, /products/search, /products/category/{slug}, /products/{id}
void add_product_read_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services);
// POST /api/v1/products, PATCH|DELETE /api/v1/products/{id} (seller, admin)
void add_product_write_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services);
// GET /api/v1/categories; POST /api/v1/categories, PUT|DELETE /api/v1/categories/{id} (admin)
void add_category_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services);
// GET|POST /api/v1/products/{id}/reviews
void add_review_routes(kernel::Router& router, const kernel::Auth& auth, CatalogServices& services);

}  // namespace emporium::catalog
