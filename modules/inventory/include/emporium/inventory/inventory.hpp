#pragma once
// The inventory's callable surface for other modules (the order saga):
// reservations that never oversell. Each call is its own transaction in the
// inventory schema and is idempotent by order id.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "emporium/kernel/result.hpp"

namespace emporium::inventory {

struct ReservationLine {
  std::string variant_id;
  std::int64_t quantity = 0;
};

class Inventory {
 public:
  virtual ~Inventory() = default;
  // All lines or nothing, across warehouses. Error `insufficient_stock`
  // (the message names the variant) leaves nothing reserved. Repeating it
  // for the same order returns the first outcome.
  virtual kernel::Status reserve(const std::string& order_id, const std::vector<ReservationLine>& lines) = 0;
  // Turns the order's reservation into a sale: on_hand and reserved go down.
  virtual kernel::Status commit(const std::string& order_id) = 0;
  // Gives the order's reserved stock back; a no-op when nothing is reserved.
  virtual kernel::Status release(const std::string& order_id) = 0;
  // Undoes the order's stock movement whatever it was (a cancelled order):
  // reserved stock is released as by release(), sold (committed) stock goes
  // back on hand in the warehouses it was taken from. Idempotent.
  virtual kernel::Status restock(const std::string& order_id) = 0;
  virtual std::int64_t available(const std::string& variant_id) = 0;
  virtual std::map<std::string, std::int64_t> available_many(const std::vector<std::string>& variant_ids) = 0;
};

}  // namespace emporium::inventory
