#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "stock_payload.hpp"
#include "subscribers.hpp"
#include "variant_store.hpp"

namespace emporium::catalog {

void subscribe_to_stock_changes(kernel::EventBus& bus) {
  bus.subscribe(catalog_module_id(), "catalog.on_stock_changed", kStockChangedEvent,
                [](const kernel::Event& event, kernel::Tx& tx) {
                  auto update = VariantStore(tx).set_available(stock_level_from_json(event.payload));
                  if (!update) return;
                  // in_stock shows in every list; stock.available only in the detail.
                  notify_cache_change(tx, update->in_stock_changed ? CacheChange::product(update->product_id)
                                                                   : CacheChange::stock(update->product_id));
                });
}

}  // namespace emporium::catalog
