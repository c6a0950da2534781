#pragma once
// SQL of inventory.reservations and inventory.reservation_lines.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"

namespace emporium::inventory {

struct ReservedUnits {
  std::string variant_id;
  std::string warehouse_id;
  std::int64_t quantity = 0;
};

struct ReservationRecord {
  std::string order_id;
  std::string status;  // reserved, committed, released, expired, rejected
  std::string request;
  std::string error_code;
  std::string error_message;
  // What it holds, in variant and warehouse order (units() below).
  std::vector<ReservedUnits> units;
};

class ReservationStore {
 public:
  explicit ReservationStore(kernel::Tx& tx) : tx_(tx) {}

  // Creates the order's reservation row with `status`; false when the order
  // already has one (a concurrent insert is waited for, not duplicated).
  bool insert(const std::string& order_id, const std::string& status, const std::string& request,
              std::chrono::seconds ttl);
  // The reservation, locked, with its units read in the same statement.
  std::optional<ReservationRecord> lock(const std::string& order_id);
  // Locks one reservation whose time is up, skipping those another
  // transaction holds, so several instances share the expiry work.
  std::optional<std::string> claim_due();

  // All the units of an order in one statement.
  void add_units(const std::string& order_id, const std::vector<ReservedUnits>& units);
  std::vector<ReservedUnits> units(const std::string& order_id);
  void set_status(const std::string& order_id, const std::string& status);
  void reject(const std::string& order_id, const std::string& code, const std::string& message);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::inventory
