#include "routes.hpp"

#include <algorithm>
#include <chrono>

#include "emporium/kernel/handler_support.hpp"
#include "emporium/kernel/idempotency.hpp"
#include "emporium/kernel/json_response.hpp"
#include "emporium/kernel/log.hpp"
#include "emporium/kernel/money.hpp"
#include "payment_json.hpp"
#include "payment_module_id.hpp"
#include "problems.hpp"

namespace emporium::payment {
namespace {

using kernel::http::Request;
using kernel::http::Response;
using kernel::Role;

Response reply(const Request& request, const kernel::Error& error) {
  return kernel::reply(request, problem_for(error));
}

Response details_or_problem(const Request& request, const kernel::Result<PaymentDetails>& found) {
  if (!found) return reply(request, found.error());
  return kernel::json_response(200, payment_details_json(found.value()));
}

// handle(optional amount) for a refund body: empty, or {"amount": <money>}.
template <class F>
Response with_refund_amount(const Request& request, F&& handle) {
  if (request.body.empty()) return handle(std::optional<std::int64_t>());
  return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
    std::optional<std::int64_t> amount;
    if (const auto* value = body.value("amount", false); value && !value->is_null()) {
      amount = kernel::amount_from_json(*value);
      if (!amount || *amount <= 0) body.add_error("amount", "must be a positive amount with at most two decimals");
    }
    if (auto problem = body.finish()) return kernel::reply(request, *problem);
    return handle(amount);
  });
}

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void add_payment_routes(kernel::Router& router, const kernel::Auth& auth, kernel::Database& db,
                        PaymentService& payments) {
  // The order's payment for its customer or an admin; 404 for anyone else.
  router.add("GET", "/api/v1/orders/{id}/payments", [&payments, &auth](Request& request) {
    return kernel::with_caller(auth, request, {}, [&](const kernel::Principal& caller) {
      return kernel::with_page(request, [&](const kernel::PageRequest& page) {
        auto found = payments.order_payments(std::string(request.param("id")));
        std::erase_if(found, [&](const PaymentDetails& d) {
          return caller.role != Role::admin && d.payment.customer_id != caller.user_id;
        });
        if (found.empty()) return kernel::reply(request, kernel::Problem::not_found("No such order payment."));
        auto total = static_cast<std::int64_t>(found.size());
        auto first = std::min<std::int64_t>(page.offset(), total);
        auto last = std::min<std::int64_t>(first + page.per_page, total);
        std::vector<PaymentDetails> items(found.begin() + first, found.begin() + last);
        return kernel::page_response(total, items, page, payment_details_json);
      });
    });
  });

  // An Idempotency-Key is honoured when given: a capture is a money movement.
  router.add("POST", "/api/v1/payments/{id}/capture", [&payments, &auth, &db](Request& request) {
    return kernel::with_caller(auth, request, {Role::admin}, [&](const kernel::Principal& caller) {
      auto handle = [&] { return details_or_problem(request, payments.capture(std::string(request.param("id")))); };
      if (!request.header("Idempotency-Key")) return handle();
      return kernel::with_idempotency(db, payment_module_id(), request, "payments:capture:" + caller.user_id, handle);
    });
  });

  router.add("POST", "/api/v1/payments/{id}/refund", [&payments, &auth, &db](Request& request) {
    return kernel::with_caller(auth, request, {Role::admin}, [&](const kernel::Principal& caller) {
      return kernel::with_idempotency(db, payment_module_id(), request, "payments:refund:" + caller.user_id, [&] {
        return with_refund_amount(request, [&](std::optional<std::int64_t> amount) {
          std::string key(request.header("Idempotency-Key").value_or(""));
          return details_or_problem(request, payments.refund(std::string(request.param("id")), amount, key));
        });
      });
    });
  });

  // Providers call this unauthenticated: the signature is the authentication.
  router.add("POST", "/api/v1/payments/webhooks/{provider}", [&payments](Request& request) {
    PaymentProvider* provider = payments.provider(std::string(request.param("provider")));
    if (!provider) return kernel::reply(request, kernel::Problem::not_found("No such payment provider."));
    auto event = provider->parse_webhook(request, now_unix());
    if (!event) {
      kernel::log::warn("payment", "webhook refused", {{"provider", provider->name()}, {"code", event.error().code}});
      return reply(request, event.error());
    }
    auto applied = payments.apply_webhook(*provider, event.value());
    if (!applied) return reply(request, applied.error());
    return kernel::json_response(200, boost::json::object{{"received", true},
                                                          {"event_id", event->id},
                                                          {"payment", payment_details_json(applied.value())}});
  });
}

}  // namespace emporium::payment
