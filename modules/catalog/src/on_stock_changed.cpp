#include <boost/json/parse.hpp>

#include <stdexcept>

#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "subscribers.hpp"
#include "variant_store.hpp"

namespace emporium::catalog {
namespace {

// The event's name and payload belong to the inventory module; the catalog
// reads them by name, as it may not depend on the inventory.
constexpr const char* kStockChanged = "inventory.stock_changed";

void on_stock_changed(const kernel::Event& event, kernel::Tx& tx) {
  const auto payload = boost::json::parse(event.payload).as_object();
  const auto* variant_id = payload.if_contains("variant_id");
  const auto* available = payload.if_contains("available");
  if (variant_id == nullptr || !variant_id->is_string() || available == nullptr || !available->is_number()) {
    throw std::runtime_error("inventory.stock_changed without a variant_id and an available figure");
  }
  const auto figure = available->to_number<std::int64_t>();
  auto update = VariantStore(tx).set_available(std::string(variant_id->get_string()), figure, event.occurred_at);
  if (!update) return;
  // in_stock shows in every list; stock.available only in the detail.
  notify_cache_change(tx, update->in_stock_changed ? CacheChange::product(update->product_id)
                                                   : CacheChange::stock(update->product_id));
}

}  // namespace

void subscribe_to_stock_changes(kernel::EventBus& bus) {
  bus.subscribe(catalog_module_id(), "catalog.on_stock_changed", kStockChanged, on_stock_changed);
}

}  // namespace emporium::catalog
