#include "emporium/kernel/json_response.hpp"
#include "inventory_json.hpp"
#include "request_fields.hpp"
#include "route_support.hpp"
#include "routes.hpp"

namespace emporium::inventory {

void add_warehouse_routes(kernel::Router& router, const kernel::Auth& auth, Warehouses& warehouses) {
  using kernel::Role;

  router.add("GET", "/api/v1/warehouses", [&warehouses, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        return page_response(warehouses.list(page), page, warehouse_json);
      });
    });
  });

  router.add("POST", "/api/v1/warehouses", [&warehouses, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto fields = read_new_warehouse(body);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto created = warehouses.create(fields.name, fields.code);
        if (!created) return reply(request, created.error());
        return kernel::json_response(201, warehouse_json(created.value()));
      });
    });
  });
}

}  // namespace emporium::inventory
