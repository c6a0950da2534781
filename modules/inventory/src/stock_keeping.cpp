#include "stock_keeping.hpp"

#include <algorithm>
#include <stdexcept>

#include "inventory_module_id.hpp"
#include "low_stock.hpp"
#include "ownership.hpp"
#include "stock_ledger.hpp"
#include "stock_store.hpp"
#include "warehouse_store.hpp"

namespace emporium::inventory {
namespace {

kernel::Error forbidden() { return {"forbidden", "Only the product's seller or an admin may change its stock."}; }

kernel::Result<std::int64_t> at_least_reserved(std::int64_t on_hand, const WarehouseStock& current) {
  if (on_hand < 0) {
    return kernel::Error{"negative_stock", "on_hand in " + current.warehouse_id + " would be " + std::to_string(on_hand) + "."};
  }
  if (on_hand < current.reserved) {
    return kernel::Error{"below_reserved", "on_hand in " + current.warehouse_id + " would be " + std::to_string(on_hand) +
                                               ", below the " + std::to_string(current.reserved) + " units reserved there."};
  }
  return on_hand;
}

}  // namespace

kernel::Result<StockLevel> StockKeeping::level(const std::string& id) {
  auto owner = variants_.resolve(id);
  if (!owner) return owner.error();
  return db_.transact(inventory_module_id(), [&](kernel::Tx& tx) {
    StockStore store(tx);
    if (auto level = store.level(owner->variant_id, config_.low_stock_threshold)) return *level;
    // Known to the catalog, never stocked: nothing anywhere.
    return StockLevel{owner.value(), 0, 0, effective_threshold(store.own_threshold(owner->product_id), config_.low_stock_threshold), {}};
  });
}

kernel::Result<StockLevel> StockKeeping::set_on_hand(const kernel::Principal& caller, const std::string& id,
                                                     const OnHandChange& change) {
  auto owner = variants_.resolve(id);
  if (!owner) return owner.error();
  if (!may_manage_stock(caller, owner.value())) return forbidden();
  return write(owner.value(), change.warehouse_id,
               [&](const WarehouseStock& current) { return at_least_reserved(change.on_hand, current); }, &change);
}

kernel::Result<StockLevel> StockKeeping::adjust(const kernel::Principal& caller, const std::string& product_id,
                                                const StockAdjustment& adjustment) {
  auto owner = adjustment.variant_id ? variants_.resolve(*adjustment.variant_id) : variants_.sole_variant(product_id);
  if (!owner) return owner.error();
  if (owner->product_id != product_id) {
    return kernel::Error{"variant_mismatch", "Variant " + owner->variant_id + " is not a variant of " + product_id + "."};
  }
  if (!may_manage_stock(caller, owner.value())) return forbidden();
  return write(owner.value(), adjustment.warehouse_id,
               [&](const WarehouseStock& current) {
                 return at_least_reserved(current.on_hand + adjustment.delta, current);
               },
               nullptr);
}

template <class NewOnHand>
kernel::Result<StockLevel> StockKeeping::write(const VariantOwner& owner, const std::optional<std::string>& warehouse_id,
                                               NewOnHand new_on_hand, const OnHandChange* threshold_change) {
  return db_.transact(inventory_module_id(), [&](kernel::Tx& tx) -> kernel::Result<StockLevel> {
    auto fail = [&tx](kernel::Error error) -> kernel::Result<StockLevel> {
      tx.rollback_only();
      return error;
    };
    WarehouseStore warehouses(tx);
    auto warehouse = warehouse_id ? warehouse_id : warehouses.default_id();
    if (!warehouse || !warehouses.exists(*warehouse)) {
      return fail({"unknown_warehouse", "No such warehouse: " + warehouse_id.value_or("(none exists)") + "."});
    }
    StockStore store(tx);
    store.add_variant(owner);
    std::vector<std::string> locked{owner.variant_id};
    bool sets_threshold = threshold_change && threshold_change->sets_threshold;
    // A product's threshold concerns all its variants: lock them together, in order.
    if (sets_threshold) locked = store.variant_ids_of_product(owner.product_id);
    StockLedger ledger(tx, config_.low_stock_threshold, locked, true);

    const auto& rows = ledger.find(owner.variant_id)->warehouses;
    auto found = std::find_if(rows.begin(), rows.end(), [&](const auto& row) { return row.warehouse_id == *warehouse; });
    WarehouseStock current = found != rows.end() ? *found : WarehouseStock{*warehouse, 0, 0};
    auto target = new_on_hand(current);
    if (!target) return fail(target.error());
    if (target.value() != current.on_hand &&
        !ledger.change(owner.variant_id, *warehouse, target.value() - current.on_hand, 0)) {
      throw std::logic_error("stock of a locked variant changed under its lock: " + owner.variant_id);
    }
    if (sets_threshold) ledger.set_threshold(owner.product_id, threshold_change->threshold);
    ledger.finish();
    return store.level(owner.variant_id, config_.low_stock_threshold).value();
  });
}

Paged<StockLevel> StockKeeping::alerts(const kernel::PageRequest& page) {
  return db_.transact(inventory_module_id(),
                      [&](kernel::Tx& tx) { return StockStore(tx).low_stock(config_.low_stock_threshold, page); });
}

}  // namespace emporium::inventory
