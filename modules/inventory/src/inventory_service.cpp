#include "inventory_service.hpp"

#include <stdexcept>

#include "allocation.hpp"
#include "inventory_module_id.hpp"
#include "stock_ledger.hpp"

namespace emporium::inventory {
namespace {

const std::string kReserved = "reserved";
const std::string kCommitted = "committed";
const std::string kReleased = "released";

const std::string kExpired = "expired";
const std::string kRestocked = "restocked";

kernel::Error given_back(const ReservationRecord& record) {
  if (record.status == kExpired) {
    return {"reservation_expired", "The reservation of order " + record.order_id + " expired; its stock was given back."};
  }
  if (record.status == kRestocked) {
    return {"reservation_restocked", "The stock of order " + record.order_id + " was put back on hand."};
  }
  return {"reservation_released", "The reservation of order " + record.order_id + " was released."};
}

// What a repeated reserve answers: the first outcome.
kernel::Status repeated_outcome(const ReservationRecord& record, const std::string& request) {
  if (record.status == kReleased || record.status == kExpired) return given_back(record);
  if (record.request != request) {
    return kernel::Error{"idempotency_mismatch",
                         "Order " + record.order_id + " already reserved other lines."};
  }
  if (!record.error_code.empty()) return kernel::Error{record.error_code, record.error_message};
  return kernel::Ok{};
}

kernel::Error insufficient(const ReservationLine& line, std::int64_t available) {
  return {"insufficient_stock", "Not enough stock of " + line.variant_id + ": " + std::to_string(line.quantity) +
                                    " requested, " + std::to_string(available) + " available."};
}

std::vector<std::string> variant_ids(const std::vector<ReservationLine>& lines) {
  std::vector<std::string> ids;
  for (const auto& line : lines) ids.push_back(line.variant_id);
  return ids;
}

}  // namespace

kernel::Status InventoryService::reserve(const std::string& order_id, const std::vector<ReservationLine>& lines) {
  if (order_id.empty()) return kernel::Error{"validation_failed", "order_id must not be empty"};
  auto normalised = normalise_lines(lines);
  if (!normalised) return normalised.error();
  const std::string request = request_text(normalised.value());
  auto outcome = db_.transact(inventory_module_id(), [&](kernel::Tx& tx) -> kernel::Status {
    ReservationStore reservations(tx);
    if (!reservations.insert(order_id, kReserved, request, config_.reservation_ttl)) {
      return repeated_outcome(reservations.lock(order_id).value(), request);
    }
    auto held = hold(tx, order_id, normalised.value());
    if (!held) {
      // Nothing was reserved (hold() refuses before it writes), but the
      // refusal is kept: a repeat answers it again.
      reservations.reject(order_id, held.error().code, held.error().message);
      metrics_.rejected.increment();
    } else {
      metrics_.reservations.increment();
    }
    return held;
  });
  return outcome;
}

// Every refusal comes before the ledger writes, so a refused hold leaves
// nothing behind in the unit (no savepoint needed).
kernel::Status InventoryService::hold(kernel::Tx& tx, const std::string& order_id,
                                      const std::vector<ReservationLine>& lines) {
  ReservationStore reservations(tx);
  StockLedger ledger(tx, config_.low_stock_threshold, variant_ids(lines), true);
  std::vector<ReservedUnits> units;
  for (const auto& line : lines) {
    const VariantRow* variant = ledger.find(line.variant_id);
    if (!variant) return insufficient(line, 0);
    const auto& warehouses = variant->warehouses;
    auto plan = allocate(line.quantity, warehouses);
    if (!plan) {
      std::int64_t available = 0;
      for (const auto& warehouse : warehouses) available += warehouse.available();
      return insufficient(line, available);
    }
    for (const auto& allocation : plan.value()) {
      if (!ledger.change(line.variant_id, allocation.warehouse_id, 0, allocation.quantity)) {
        throw std::logic_error("stock of a locked variant changed under its lock: " + line.variant_id);
      }
      units.push_back({line.variant_id, allocation.warehouse_id, allocation.quantity});
    }
  }
  ledger.finish();
  reservations.add_units(order_id, units);
  return kernel::Ok{};
}

void InventoryService::give_back(kernel::Tx& tx, const std::string& order_id, const std::vector<ReservedUnits>& units,
                                 bool sold) {
  move_units(tx, order_id, units, sold ? -1 : 0, -1);
}

void InventoryService::move_units(kernel::Tx& tx, const std::string& order_id, const std::vector<ReservedUnits>& units,
                                  int on_hand_sign, int reserved_sign) {
  std::vector<std::string> ids;
  for (const auto& unit : units) ids.push_back(unit.variant_id);
  StockLedger ledger(tx, config_.low_stock_threshold, ids);
  for (const auto& unit : units) {
    if (!ledger.change(unit.variant_id, unit.warehouse_id, on_hand_sign * unit.quantity,
                       reserved_sign * unit.quantity)) {
      throw std::logic_error("reserved units of order " + order_id + " are missing from " + unit.warehouse_id);
    }
  }
  ledger.finish();
}

kernel::Status InventoryService::commit(const std::string& order_id) {
  auto outcome = db_.transact(inventory_module_id(), [&](kernel::Tx& tx) -> kernel::Status {
    ReservationStore reservations(tx);
    auto record = reservations.lock(order_id);
    if (!record) return kernel::Error{"not_found", "Order " + order_id + " has no reservation."};
    if (record->status == kCommitted) return kernel::Ok{};
    if (record->status == kReleased || record->status == kExpired || record->status == kRestocked) {
      return given_back(*record);
    }
    if (record->status != kReserved) {
      return kernel::Error{"not_reserved", "Order " + order_id + " reserved nothing: " + record->error_message};
    }
    give_back(tx, order_id, record->units, true);
    reservations.set_status(order_id, kCommitted);
    metrics_.committed.increment();
    return kernel::Ok{};
  });
  return outcome;
}

kernel::Status InventoryService::release(const std::string& order_id) {
  return db_.transact(inventory_module_id(), [&](kernel::Tx& tx) -> kernel::Status {
    ReservationStore reservations(tx);
    // An order released before it reserved leaves a released row behind, so
    // a reserve that arrives late cannot hold stock for it.
    if (reservations.insert(order_id, kReleased, "", std::chrono::seconds(0))) return kernel::Ok{};
    auto record = reservations.lock(order_id);
    if (record && record->status == kReserved) {
      give_back(tx, order_id, record->units, false);
      reservations.set_status(order_id, kReleased);
    }
    return kernel::Ok{};
  });
}

kernel::Status InventoryService::restock(const std::string& order_id) {
  auto record = db_.transact(inventory_module_id(), [&](kernel::Tx& tx) -> std::optional<ReservationRecord> {
    ReservationStore reservations(tx);
    auto found = reservations.lock(order_id);
    if (found && found->status == kCommitted) {
      move_units(tx, order_id, found->units, +1, 0);
      reservations.set_status(order_id, kRestocked);
      metrics_.restocked.increment();
    }
    return found;
  });
  if (!record || record->status == kReserved) return release(order_id);
  return kernel::Ok{};
}

bool InventoryService::expire_one() {
  bool expired = db_.transact(inventory_module_id(), [&](kernel::Tx& tx) {
    ReservationStore reservations(tx);
    auto order_id = reservations.claim_due();
    if (!order_id) return false;
    give_back(tx, *order_id, reservations.units(*order_id), false);
    reservations.set_status(*order_id, kExpired);
    return true;
  });
  if (expired) metrics_.expired.increment();
  return expired;
}

std::int64_t InventoryService::available(const std::string& variant_id) {
  auto found = available_many({variant_id});
  return found[variant_id];
}

std::map<std::string, std::int64_t> InventoryService::available_many(const std::vector<std::string>& variant_ids) {
  auto found = db_.transact(inventory_module_id(), [&](kernel::Tx& tx) {
    tx.commit_with_next_statement();
    return StockStore(tx).available(variant_ids);
  });
  for (const auto& id : variant_ids) found.emplace(id, 0);
  return found;
}

}  // namespace emporium::inventory
