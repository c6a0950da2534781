#include <boost/json/parse.hpp>

#include "emporium/kernel/json_response.hpp"
#include "emporium/user/postal_address.hpp"
#include "route_support.hpp"
#include "routes.hpp"
#include "shipping_json.hpp"

namespace emporium::shipping {

void add_rate_routes(kernel::Router& router, const kernel::Auth& auth, ShippingService& shipping) {
  using kernel::Role;

  router.add("POST", "/api/v1/shipping/quote", [&shipping, &auth](Request& request) {
    return kernel::or_problem(request, auth.optional(request), [&](const std::optional<kernel::Principal>& caller) {
      return with_json_body(request, [&](kernel::JsonBody& body) {
        auto cart_id = body.string("cart_id", {true, 1, 200});
        auto address = user::read_address_field(body, "address", true);
        if (auto problem = body.finish()) return reply(request, *problem);
        auto options = shipping.quote_cart(*cart_id, caller ? caller->user_id : "", *address);
        if (!options) return reply(request, options.error());
        boost::json::array out;
        for (const auto& option : options.value()) out.push_back(option_json(option));
        return kernel::json_response(200, boost::json::object{{"options", std::move(out)}});
      });
    });
  });

  router.add("GET", "/api/v1/shipping/rates", [&shipping, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return kernel::json_response(200, rate_table_json(*shipping.rates()));
    });
  });

  router.add("PUT", "/api/v1/shipping/rates", [&shipping, &auth](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal& admin) {
      // JsonBody answers 415 and 400; the table's own parser reads the object.
      return with_json_body(request, [&](kernel::JsonBody&) {
        auto saved = shipping.replace_rates(boost::json::parse(request.body).as_object(), admin.user_id);
        if (auto* errors = std::get_if<std::vector<kernel::FieldError>>(&saved)) {
          return reply(request, kernel::Problem::validation(std::move(*errors)));
        }
        return kernel::json_response(200, rate_table_json(std::get<RateTable>(saved)));
      });
    });
  });
}

}  // namespace emporium::shipping
