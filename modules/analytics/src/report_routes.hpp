#pragma once
// GET /admin/reports/sales (admin, the whole shop) and GET /seller/reports/sales
// (the caller's own products, for a seller or an admin alike).
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/router.hpp"
#include "reports.hpp"

namespace emporium::analytics {

void add_report_routes(kernel::Router& router, const kernel::Auth& auth, Reports& reports);

}  // namespace emporium::analytics
