#include "routes.hpp"

#include <optional>
#include <string>

#include "cart_json.hpp"
#include "emporium/kernel/handler_support.hpp"
#include "emporium/kernel/json_response.hpp"
#include "problems.hpp"
#include "request_fields.hpp"

namespace emporium::cart {
namespace {

using kernel::http::Request;
using kernel::http::Response;

Response reply(const Request& request, const kernel::Error& error) {
  return kernel::reply(request, problem_for(error));
}

Response cart_or_problem(const Request& request, const kernel::Result<PricedCart>& cart, int status = 200) {
  if (!cart) return reply(request, cart.error());
  return kernel::json_response(status, cart_json(cart.value()));
}

// handle(user_id) for any caller: a guest (empty id) or a signed-in user.
template <class F>
Response with_any_caller(const kernel::Auth& auth, const Request& request, F&& handle) {
  return kernel::or_problem(request, auth.optional(request), [&](const std::optional<kernel::Principal>& caller) {
    return handle(caller ? caller->user_id : std::string());
  });
}

// handle(user_id) for a signed-in user of any role.
template <class F>
Response with_user(const kernel::Auth& auth, const Request& request, F&& handle) {
  return kernel::with_caller(auth, request, {}, [&](const kernel::Principal& caller) { return handle(caller.user_id); });
}

// A request that takes no fields: an empty body, or a JSON object without any.
template <class F>
Response without_fields(const Request& request, F&& handle) {
  if (request.body.empty()) return handle();
  return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
    if (auto problem = body.finish()) return kernel::reply(request, *problem);
    return handle();
  });
}

template <class F>
Response with_item_request(const Request& request, F&& handle) {
  return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
    auto item = read_item_request(body);
    if (auto problem = body.finish()) return kernel::reply(request, *problem);
    return handle(item);
  });
}

std::string param(const Request& request, std::string_view name) { return std::string(request.param(name)); }

}  // namespace

void add_cart_routes(kernel::Router& router, const kernel::Auth& auth, CartService& carts) {
  // A guest gets a new guest cart; a signed-in user their own cart, created on demand.
  router.add("POST", "/api/v1/carts", [&](Request& request) {
    return with_any_caller(auth, request, [&](const std::string& user_id) {
      return without_fields(request, [&] { return cart_or_problem(request, carts.create(user_id), 201); });
    });
  });

  router.add("GET", "/api/v1/cart", [&](Request& request) {
    return with_user(auth, request, [&](const std::string& user_id) {
      return cart_or_problem(request, carts.own(user_id));
    });
  });

  router.add("POST", "/api/v1/cart/items", [&](Request& request) {
    return with_user(auth, request, [&](const std::string& user_id) {
      return with_item_request(request, [&](const ItemRequest& item) {
        return cart_or_problem(request, carts.add_item(carts.own_cart_id(user_id), user_id, item));
      });
    });
  });

  router.add("GET", "/api/v1/carts/{id}", [&](Request& request) {
    return with_any_caller(auth, request, [&](const std::string& user_id) {
      return cart_or_problem(request, carts.get(param(request, "id"), user_id));
    });
  });

  router.add("POST", "/api/v1/carts/{id}/items", [&](Request& request) {
    return with_any_caller(auth, request, [&](const std::string& user_id) {
      return with_item_request(request, [&](const ItemRequest& item) {
        return cart_or_problem(request, carts.add_item(param(request, "id"), user_id, item));
      });
    });
  });

  router.add("PATCH", "/api/v1/carts/{id}/items/{item_id}", [&](Request& request) {
    return with_any_caller(auth, request, [&](const std::string& user_id) {
      return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
        auto quantity = read_quantity(body);
        if (auto problem = body.finish()) return kernel::reply(request, *problem);
        return cart_or_problem(request,
                               carts.set_quantity(param(request, "id"), user_id, param(request, "item_id"), quantity));
      });
    });
  });

  router.add("DELETE", "/api/v1/carts/{id}/items/{item_id}", [&](Request& request) {
    return with_any_caller(auth, request, [&](const std::string& user_id) {
      return cart_or_problem(request, carts.remove_item(param(request, "id"), user_id, param(request, "item_id")));
    });
  });

  router.add("POST", "/api/v1/carts/{id}/merge", [&](Request& request) {
    return with_user(auth, request, [&](const std::string& user_id) {
      return without_fields(request, [&] { return cart_or_problem(request, carts.merge(param(request, "id"), user_id)); });
    });
  });
}

}  // namespace emporium::cart
