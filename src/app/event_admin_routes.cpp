#include "event_admin_routes.hpp"

#include <boost/json/value.hpp>

#include "emporium/kernel/json_response.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::app {
namespace {

boost::json::object to_json(const kernel::ParkedDelivery& delivery) {
  return {{"event_id", delivery.event_id},     {"event_name", delivery.event_name},
          {"subscriber", delivery.subscriber}, {"source", delivery.source},
          {"attempts", delivery.attempts},     {"last_error", delivery.last_error},
          {"occurred_at", delivery.occurred_at}};
}

}  // namespace

void add_event_admin_routes(kernel::Router& router, const kernel::Auth& auth, kernel::OutboxDispatcher& dispatcher) {
  router.add("GET", "/api/v1/admin/events/parked", [&auth, &dispatcher](kernel::http::Request& request) {
    auto caller = auth.require(request, {kernel::Role::admin});
    if (auto* problem = std::get_if<kernel::Problem>(&caller)) return kernel::to_response(*problem, request.request_id);
    constexpr std::size_t kLimit = 100;
    boost::json::array results;
    for (const auto& delivery : dispatcher.parked(kLimit)) results.push_back(to_json(delivery));
    auto count = static_cast<std::int64_t>(results.size());
    return kernel::list_response(count, 1, static_cast<std::int64_t>(kLimit), std::move(results));
  });

  router.add("POST", "/api/v1/admin/events/{event_id}/retry", [&auth, &dispatcher](kernel::http::Request& request) {
    auto caller = auth.require(request, {kernel::Role::admin});
    if (auto* problem = std::get_if<kernel::Problem>(&caller)) return kernel::to_response(*problem, request.request_id);
    auto retried = dispatcher.retry_parked(std::string(request.param("event_id")));
    if (retried == 0) {
      return kernel::to_response(kernel::Problem::not_found("No parked delivery for this event."), request.request_id);
    }
    return kernel::json_response(202, boost::json::object{{"retried", retried}});
  });
}

}  // namespace emporium::app
