#pragma once
// `emporium seed` and `serve --demo-data` for the catalog: the demo category
// tree, `products` demo products of the demo seller, and a few reviews by
// the demo customer. A no-op when the catalog already has products.
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/services.hpp"
#include "emporium/user/users.hpp"
#include "response_cache.hpp"

namespace emporium::catalog {

void seed_demo_catalog(kernel::Database& db, user::Users& users, ResponseCache& cache,
                       const kernel::SeedOptions& options);

}  // namespace emporium::catalog
