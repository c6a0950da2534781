#pragma once
// `emporium analytics rebuild`: recreates the sales read model from the
// stored order events (every module's outbox keeps its rows), in one
// transaction. Product views are not events and are kept.
#include <cstddef>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"

namespace emporium::analytics {

struct RebuildReport {
  std::size_t events = 0;  // order events replayed
};

// `sources`: the modules whose outboxes hold events (the composition root's module list).
RebuildReport rebuild_read_model(kernel::Database& db, const std::vector<kernel::ModuleId>& sources);

}  // namespace emporium::analytics
