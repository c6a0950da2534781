#include <boost/json/parse.hpp>

#include <stdexcept>

#include "catalog_module_id.hpp"
#include "review_store.hpp"
#include "subscribers.hpp"

namespace emporium::catalog {

void record_paid_orders(const std::vector<kernel::Event>& events, kernel::Tx& tx) {
  std::vector<ReviewStore::Purchase> purchases;
  for (const auto& event : events) {
    auto value = boost::json::parse(event.payload);
    auto* payload = value.if_object();
    if (payload == nullptr) throw std::runtime_error("order.paid: payload is not an object");
    const auto* customer = payload->if_contains("customer_id");
    auto* items = payload->if_contains("items");
    if (customer == nullptr || !customer->is_string() || items == nullptr || !items->is_array()) {
      throw std::runtime_error("order.paid: payload lacks customer_id or items");
    }
    purchases.push_back({std::string(customer->as_string()), std::move(items->as_array()), event.occurred_at});
  }
  ReviewStore(tx).record_purchases(purchases);
}

// "order.paid" by its literal name (order/events.hpp, kPaid): the catalog
// does not depend on the order module. A batch subscriber: one statement
// records the purchases of the whole batch.
void subscribe_to_paid_orders(kernel::EventBus& bus) {
  bus.subscribe_batch(catalog_module_id(), "catalog.on_order_paid", "order.paid", record_paid_orders);
}

}  // namespace emporium::catalog
