#include "emporium/kernel/json_response.hpp"
#include "inventory_json.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"

namespace emporium::inventory {
namespace {

Response level_or_problem(const Request& request, const kernel::Result<StockLevel>& level) {
  if (!level) return reply(request, level.error());
  return kernel::json_response(200, stock_level_json(level.value()));
}

}  // namespace

void add_stock_routes(kernel::Router& router, const kernel::Auth& auth, StockKeeping& stock) {
  using kernel::Role;

  // Public: the storefront shows stock.
  router.add("GET", "/api/v1/inventory/{variant_id}", [&stock](Request& request) {
    return level_or_problem(request, stock.level(std::string(request.param("variant_id"))));
  });

  router.add("PUT", "/api/v1/inventory/{variant_id}", [&stock, &auth](Request& request) {
    return with_caller(auth, request, {Role::seller, Role::admin}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto change = read_on_hand_change(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        return level_or_problem(request, stock.set_on_hand(caller, std::string(request.param("variant_id")), change));
      });
    });
  });

  router.add("PATCH", "/api/v1/products/{id}/stock", [&stock, &auth](Request& request) {
    return with_caller(auth, request, {Role::seller, Role::admin}, [&](const kernel::Principal& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto adjustment = read_adjustment(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        return level_or_problem(request, stock.adjust(caller, std::string(request.param("id")), adjustment));
      });
    });
  });

  router.add("GET", "/api/v1/inventory/alerts", [&stock, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        return page_response(stock.alerts(page), page, alert_json);
      });
    });
  });
}

}  // namespace emporium::inventory
