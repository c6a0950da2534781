#include "routes.hpp"

#include <boost/json/parse.hpp>

#include "checkout_request.hpp"
#include "emporium/kernel/async_commits.hpp"
#include "emporium/kernel/handler_support.hpp"
#include "emporium/kernel/idempotency.hpp"
#include "emporium/kernel/json_response.hpp"
#include "order_json.hpp"
#include "order_module_id.hpp"
#include "problems.hpp"
#include "state_machine.hpp"

namespace emporium::order {
namespace {

using kernel::Role;
using kernel::http::Request;
using kernel::http::Response;
using kernel::with_caller;
using kernel::with_json_body;
using kernel::with_page;

Response reply(const Request& request, const kernel::Error& error) {
  return kernel::reply(request, problem_for(error));
}

Response order_or_problem(const Request& request, const kernel::Result<Order>& order, int status = 200) {
  if (!order) return reply(request, order.error());
  return kernel::json_response(status, order_json(order.value()));
}

Response checkout_response(const Request& request, const CheckoutOutcome& outcome) {
  if (outcome.order) return kernel::json_response(201, order_json(*outcome.order));
  auto response = reply(request, outcome.error);
  if (!outcome.order_id.empty()) {
    // The client learns which order its declined payment cancelled.
    auto body = boost::json::parse(response.body).as_object();
    body["order_id"] = outcome.order_id;
    response.body = kernel::to_json_text(body);
  }
  return response;
}

Response status_change(const Request& request, OrderService& orders) {
  return with_json_body(request, [&](kernel::JsonBody& body) {
    auto status = body.string("status", {true, 1, 40});
    if (auto problem = body.finish()) return kernel::reply(request, *problem);
    return order_or_problem(request, orders.set_status(std::string(request.param("id")), *status));
  });
}

}  // namespace

void add_order_routes(kernel::Router& router, const kernel::Auth& auth, kernel::Database& db, Checkout& checkout,
                      OrderService& orders) {
  router.add("POST", "/api/v1/orders", [&](Request& request) {
    return with_caller(auth, request, {Role::customer}, [&](const kernel::Principal& caller) {
      // The checkout's units of work (a dozen, over five modules) do not
      // wait for the WAL flush one by one: its last unit waits for all of
      // them (Checkout::after_charge), and the HTTP pipeline flushes before
      // any other answer leaves (kernel/async_commits.hpp).
      const kernel::AsyncCommits async_commits;
      std::string scope = "orders:" + caller.user_id;
      return kernel::with_idempotency(db, order_module_id(), request, scope, [&](kernel::IdempotentResponse& kept) {
        return with_json_body(request, [&](kernel::JsonBody& body) {
          auto parsed = read_checkout_request(body);
          if (auto problem = body.finish()) return kernel::reply(request, *problem);
          auto key = std::string(request.header("Idempotency-Key").value_or(""));
          // The response is stored with the order's last write.
          auto keep = [&](kernel::Tx& tx, const CheckoutOutcome& outcome) {
            kept.store_in(tx, checkout_response(request, outcome));
          };
          auto outcome = checkout.place(caller.user_id, key, *parsed, keep);
          if (const auto* stored = kept.stored()) return *stored;
          return checkout_response(request, outcome);
        });
      });
    });
  });

  router.add("GET", "/api/v1/orders", [&](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        auto found = orders.of_customer(caller.user_id, page);
        return kernel::page_response(found.total, found.items, page, order_json);
      });
    });
  });

  router.add("GET", "/api/v1/orders/{id}", [&](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      auto view = orders.get(caller, std::string(request.param("id")));
      if (!view) return reply(request, view.error());
      if (view->seller_id) return kernel::json_response(200, seller_order_json(view->order, *view->seller_id));
      return kernel::json_response(200, order_json(view->order));
    });
  });

  router.add("GET", "/api/v1/orders/user/{user_id}", [&](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        auto found = orders.of_user(caller, std::string(request.param("user_id")), page);
        if (!found) return reply(request, found.error());
        return kernel::page_response(found->total, found->items, page, order_json);
      });
    });
  });

  router.add("POST", "/api/v1/orders/{id}/cancel", [&](Request& request) {
    return with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return order_or_problem(request, orders.cancel(caller, std::string(request.param("id"))));
    });
  });

  router.add("PATCH", "/api/v1/orders/{id}/status", [&](Request& request) {
    return with_caller(auth, request, {Role::admin},
                       [&](const kernel::Principal&) { return status_change(request, orders); });
  });
  router.add("PUT", "/api/v1/orders/{id}", [&](Request& request) {
    return with_caller(auth, request, {Role::admin},
                       [&](const kernel::Principal&) { return status_change(request, orders); });
  });

  router.add("GET", "/api/v1/admin/orders", [&](Request& request) {
    return with_caller(auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        std::optional<std::string> status;
        if (auto value = request.query_param("status"); value && !value->empty()) {
          if (!parse_status(*value)) {
            return kernel::reply(request, kernel::Problem::bad_request("invalid_query", "Unknown status."));
          }
          status = std::string(*value);
        }
        auto found = orders.by_status(status, page);
        return kernel::page_response(found.total, found.items, page, order_json);
      });
    });
  });

  router.add("GET", "/api/v1/seller/orders", [&](Request& request) {
    return with_caller(auth, request, {Role::seller}, [&](const kernel::Principal& caller) {
      return with_page(request, [&](const kernel::PageRequest& page) {
        auto found = orders.of_seller(caller.user_id, page);
        return kernel::page_response(found.total, found.items, page,
                                     [&](const Order& order) { return seller_order_json(order, caller.user_id); });
      });
    });
  });
}

}  // namespace emporium::order
