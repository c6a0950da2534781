#pragma once
// Writes the counted product views: one batched upsert per flush, each
// product labelled with its seller and name from the catalog.
#include <string>

#include "emporium/catalog/catalog.hpp"
#include "emporium/kernel/database.hpp"
#include "view_counter.hpp"

namespace emporium::analytics {

class ViewFlusher {
 public:
  ViewFlusher(kernel::Database& db, ViewCounter& counter, catalog::Catalog* catalog, std::string time_zone)
      : db_(db), counter_(counter), catalog_(catalog), time_zone_(std::move(time_zone)) {}

  // Writes what was counted since the last flush; on failure the counts go
  // back to the counter for the next flush. Returns how many (product, slot)
  // rows were written.
  std::size_t flush();

 private:
  kernel::Database& db_;
  ViewCounter& counter_;
  catalog::Catalog* catalog_;  // null in tests: no seller or name
  std::string time_zone_;
};

}  // namespace emporium::analytics
