#include "emporium/kernel/json_response.hpp"
#include "route_support.hpp"
#include "routes.hpp"
#include "shipping_json.hpp"

namespace emporium::shipping {

void add_shipment_routes(kernel::Router& router, const kernel::Auth& auth, ShippingService& shipping) {
  using kernel::Role;

  router.add("POST", "/api/v1/orders/{id}/shipments", [&shipping, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      auto created = shipping.create_shipment(std::string(request.param("id")));
      if (!created) return reply(request, created.error());
      return kernel::json_response(201, shipment_json(created.value()));
    });
  });

  router.add("GET", "/api/v1/shipments/{id}/label", [&shipping, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      auto pdf = shipping.label(std::string(request.param("id")), caller);
      if (!pdf) return reply(request, pdf.error());
      auto response = Response::text(200, std::move(pdf.value()), "application/pdf");
      response.set_header("Content-Disposition", "inline; filename=\"label-" + std::string(request.param("id")) + ".pdf\"");
      response.set_header("Cache-Control", "private, no-store");
      return response;
    });
  });

  router.add("GET", "/api/v1/orders/{id}/tracking", [&shipping, &auth](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      auto tracking = shipping.tracking(std::string(request.param("id")), caller);
      if (!tracking) return reply(request, tracking.error());
      return kernel::json_response(200, tracking_json(tracking.value()));
    });
  });
}

}  // namespace emporium::shipping
