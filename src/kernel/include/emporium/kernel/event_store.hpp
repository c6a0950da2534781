#pragma once
// The stored history of events: every module's outbox keeps its rows after
// they are relayed, so a read model built from events (analytics) can be
// rebuilt by replaying them. Reads with the login role, across schemas, which
// a module's own role may not do.
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"
#include "emporium/kernel/module_id.hpp"

namespace emporium::kernel {

// Every stored event named one of `names` in the outboxes of `sources`, in
// the order they occurred (ties by id), relayed or not. `source` is the
// publishing module's name.
std::vector<Event> stored_events(Database& db, const std::vector<ModuleId>& sources,
                                 const std::vector<std::string>& names);

}  // namespace emporium::kernel
