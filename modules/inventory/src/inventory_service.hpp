#pragma once
// The module's implementation of Inventory, the interface of the order saga:
// reservations that never oversell, each call one transaction, idempotent by
// order id.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "emporium/inventory/inventory.hpp"
#include "emporium/kernel/database.hpp"
#include "inventory_config.hpp"
#include "inventory_metrics.hpp"
#include "reservation_store.hpp"

namespace emporium::inventory {

class InventoryService final : public Inventory {
 public:
  InventoryService(kernel::Database& db, InventoryConfig config, kernel::Metrics& metrics)
      : db_(db), config_(config), metrics_(metrics) {}

  // Errors: validation_failed, insufficient_stock (nothing reserved),
  // idempotency_mismatch (the order reserved other lines before),
  // reservation_released / reservation_expired (the order's stock was given
  // back already; a released order id never reserves again).
  kernel::Status reserve(const std::string& order_id, const std::vector<ReservationLine>& lines) override;
  // Errors: not_found, reservation_released, reservation_expired, not_reserved.
  // A reservation past its expiry that the job has not given back yet is still committed.
  kernel::Status commit(const std::string& order_id) override;
  kernel::Status release(const std::string& order_id) override;
  kernel::Status restock(const std::string& order_id) override;
  std::int64_t available(const std::string& variant_id) override;
  std::map<std::string, std::int64_t> available_many(const std::vector<std::string>& variant_ids) override;

  // Gives back one reservation whose time is up; false when none is due.
  bool expire_one();

 private:
  kernel::Status hold(kernel::Tx& tx, const std::string& order_id, const std::vector<ReservationLine>& lines);
  // Reserved units of the order go back to available (sold: and leave on_hand too).
  void give_back(kernel::Tx& tx, const std::string& order_id, const std::vector<ReservedUnits>& units, bool sold);
  // Changes on_hand and reserved of every unit the order holds by
  // sign * quantity (sign -1, 0 or +1).
  void move_units(kernel::Tx& tx, const std::string& order_id, const std::vector<ReservedUnits>& units,
                  int on_hand_sign, int reserved_sign);

  kernel::Database& db_;
  InventoryConfig config_;
  InventoryMetrics metrics_;
};

}  // namespace emporium::inventory
