#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "stock_payload.hpp"
#include "subscribers.hpp"
#include "variant_store.hpp"

namespace emporium::catalog {

void subscribe_to_stock_changes(kernel::EventBus& bus) {
  // In batches: a busy shop sends a change per variant per reservation and
  // per sale, and a batch applies them with three statements.
  bus.subscribe_batch(catalog_module_id(), "catalog.on_stock_changed", kStockChangedEvent,
                      [](const std::vector<kernel::Event>& events, kernel::Tx& tx) {
                        std::vector<StockLevel> levels;
                        for (const auto& event : events) levels.push_back(stock_level_from_json(event.payload));
                        for (const auto& update : VariantStore(tx).set_available_many(levels)) {
                          // in_stock shows in every list; stock.available only in the detail.
                          notify_cache_change(tx, update.in_stock_changed ? CacheChange::product(update.product_id)
                                                                          : CacheChange::stock(update.product_id));
                        }
                      });
}

}  // namespace emporium::catalog
