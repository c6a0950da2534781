#include "demo_seed.hpp"

#include <chrono>
#include <future>

#include "demo_stock.hpp"
#include "emporium/inventory/events.hpp"
#include "emporium/kernel/log.hpp"
#include "inventory_module_id.hpp"
#include "stock_events.hpp"
#include "stock_store.hpp"
#include "warehouse_store.hpp"

namespace emporium::inventory {
namespace {

constexpr std::size_t kBatch = 1000;

}  // namespace

std::size_t seed_demo_stock(kernel::Database& db, catalog::Catalog& catalog) {
  auto started = std::chrono::steady_clock::now();
  auto warehouses = db.transact(inventory_module_id(), [](kernel::Tx& tx) {
    if (StockStore(tx).has_any_variant()) return std::vector<Warehouse>{};
    WarehouseStore store(tx);
    // The first warehouse comes with the schema (MAIN); the second is the demo's.
    (void)store.insert("East warehouse", "EAST");
    return store.all();
  });
  if (warehouses.size() < 2) return 0;

  std::size_t stocked = 0;
  // The next batch is read from the catalog while this one is written.
  auto fetch = [&catalog](std::string after) {
    return std::async(std::launch::async, [&catalog, after] { return catalog.list_variants(after, kBatch); });
  };
  auto next = fetch("");
  for (;;) {
    auto batch = next.get();
    if (batch.empty()) break;
    next = fetch(batch.back().variant_id);
    std::vector<SeededVariant> rows;
    rows.reserve(batch.size());
    for (const auto& ref : batch) {
      auto levels = demo_levels(ref.variant_id);
      rows.push_back({{ref.variant_id, ref.product_id, ref.seller_id},
                      {{warehouses[0].id, levels.first}, {warehouses[1].id, levels.second}}});
    }
    stocked += db.transact(inventory_module_id(), [&](kernel::Tx& tx) {
      auto added = StockStore(tx).insert_seeded(rows);
      if (added.empty()) return std::size_t{0};
      std::vector<StockFigures> figures;
      figures.reserve(added.size());
      for (const auto& owner : added) {
        auto levels = demo_levels(owner.variant_id);
        figures.push_back({owner, levels.first + levels.second, 0, 1});
      }
      // One event per batch: a seed of 100,000 products would otherwise queue
      // as many stock_changed deliveries.
      tx.publish(events::kStockLoaded, events::kVersion, stock_loaded_payload(figures));
      return added.size();
    });
  }
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  kernel::log::info("inventory", "demo stock loaded",
                    {{"variants", static_cast<std::int64_t>(stocked)}, {"ms", static_cast<std::int64_t>(millis.count())}});
  return stocked;
}

}  // namespace emporium::inventory
