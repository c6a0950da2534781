#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <stdexcept>

#include "catalog_module_id.hpp"
#include "review_store.hpp"
#include "subscribers.hpp"

namespace emporium::catalog {

void record_paid_order(const kernel::Event& event, kernel::Tx& tx) {
  auto value = boost::json::parse(event.payload);
  const auto* payload = value.if_object();
  if (payload == nullptr) throw std::runtime_error("order.paid: payload is not an object");
  const auto* customer = payload->if_contains("customer_id");
  const auto* items = payload->if_contains("items");
  if (customer == nullptr || !customer->is_string() || items == nullptr || !items->is_array()) {
    throw std::runtime_error("order.paid: payload lacks customer_id or items");
  }
  ReviewStore(tx).record_purchases(std::string(customer->as_string()), boost::json::serialize(*items),
                                   event.occurred_at);
}

// "order.paid" by its literal name (order/events.hpp, kPaid): the catalog
// does not depend on the order module.
void subscribe_to_paid_orders(kernel::EventBus& bus) {
  bus.subscribe(catalog_module_id(), "catalog.on_order_paid", "order.paid", record_paid_order);
}

}  // namespace emporium::catalog
