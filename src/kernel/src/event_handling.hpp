#pragma once
// Runs a subscriber's handler on a set of events inside the caller's unit of
// work, and records a failed attempt: the dispatcher's delivery from an
// inbox and the in-process relay's direct delivery share them.
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"

namespace emporium::kernel::detail {

enum class HandlingOutcome {
  handled,      // every event handled; the savepoint is released
  rolled_back,  // a batch handler asked to roll back: its writes are undone, the events decided
  failed,       // a handler threw (or an event-at-a-time one asked to roll back); all undone
};

// `savepoint` is open when called and is closed (released or rolled back
// and released) when this returns. A batch subscriber gets the events in
// one call, an event-at-a-time one gets them in turn. On `failed`, `error`
// says why.
HandlingOutcome handle_under_savepoint(Tx& tx, const Subscription& subscription, const std::vector<Event>& events,
                                       std::string_view savepoint, std::string& error);

// Records a failed attempt at `event` on the subscriber's inbox row, which
// goes back to pending with a backoff, or is parked after the last attempt
// (`options`), and logs it. The caller has undone the handler's writes.
void record_failed_attempt(soci::session& sql, const Subscription& subscription, const Event& event, int attempt,
                           const std::string& failure, const DispatcherOptions& options);

}  // namespace emporium::kernel::detail
