#pragma once
// GET /healthz, /readyz and /metrics.
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "emporium/kernel/migrations.hpp"
#include "emporium/kernel/router.hpp"

namespace emporium::app {

void add_operations_routes(kernel::Router& router, kernel::Database& db, const std::vector<kernel::Migration>& migrations,
                           const kernel::Metrics& metrics);

}  // namespace emporium::app
