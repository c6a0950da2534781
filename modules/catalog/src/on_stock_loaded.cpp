#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "stock_payload.hpp"
#include "subscribers.hpp"
#include "variant_store.hpp"

namespace emporium::catalog {

void subscribe_to_stock_loads(kernel::EventBus& bus) {
  bus.subscribe(catalog_module_id(), "catalog.on_stock_loaded", kStockLoadedEvent,
                [](const kernel::Event& event, kernel::Tx& tx) {
                  const auto changed = VariantStore(tx).set_available_many(stock_levels_from_json(event.payload));
                  // A bulk load touches many products: one message drops everything.
                  if (!changed.empty()) notify_cache_change(tx, CacheChange::everything());
                });
}

}  // namespace emporium::catalog
