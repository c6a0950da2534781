#include "report_routes.hpp"

#include "emporium/kernel/handler_support.hpp"

namespace emporium::analytics {
namespace {

using kernel::Role;
using kernel::http::Request;
using kernel::http::Response;

Response sales_report(const Request& request, Reports& reports, std::string seller_id) {
  ReportRequest query{request.query_param("from"), request.query_param("to"), request.query_param("interval"),
                      std::move(seller_id)};
  auto result = reports.sales(query);
  if (auto* problem = std::get_if<kernel::Problem>(&result)) return kernel::reply(request, *problem);
  return kernel::json_response(200, std::get<boost::json::object>(result));
}

}  // namespace

void add_report_routes(kernel::Router& router, const kernel::Auth& auth, Reports& reports) {
  router.add("GET", "/api/v1/admin/reports/sales", [&auth, &reports](Request& request) {
    return kernel::with_caller(auth, request, {Role::admin},
                               [&](const kernel::Principal&) { return sales_report(request, reports, ""); });
  });
  router.add("GET", "/api/v1/seller/reports/sales", [&auth, &reports](Request& request) {
    return kernel::with_caller(auth, request, {Role::seller, Role::admin}, [&](const kernel::Principal& caller) {
      return sales_report(request, reports, caller.user_id);
    });
  });
}

}  // namespace emporium::analytics
