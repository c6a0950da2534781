#pragma once
// Moves events from outboxes to subscribers, on its own thread. Woken
// directly by this process's units of work that publish (it is their
// database's EventWaker while started), by LISTEN emporium_outbox for events
// published by other processes, and by polling as the fallback. Several instances
// against one database share the work through FOR UPDATE SKIP LOCKED.
//
// A pass asks once which outboxes and which subscribers have work, then
// relays each such outbox in one transaction, in which the in-process relay
// also hands the events to their subscribers (events.hpp). It then delivers
// each subscriber's due inbox rows (a direct delivery that failed, a retry)
// in batches: one transaction per batch, the whole batch under one
// savepoint; when an event fails, the batch is undone and delivered again
// one event per savepoint, so a failing handler undoes only its own writes.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"

namespace emporium::kernel {

class OutboxDispatcher : private EventWaker {
 public:
  OutboxDispatcher(Database& db, const EventBus& bus, DispatcherOptions options);
  ~OutboxDispatcher();

  void start();
  // Delivers what is due (bounded by `flush_timeout`), then stops the thread.
  void stop(std::chrono::milliseconds flush_timeout = std::chrono::seconds(5));

  // One pass: relay every outbox, then deliver every due inbox row.
  // Returns the number of rows relayed plus deliveries attempted.
  int run_once();

  // Puts parked deliveries back in the queue (all, or one event id).
  long long retry_parked(const std::string& event_id = "");

  // Parked deliveries of every consumer, oldest first, at most `limit`.
  std::vector<ParkedDelivery> parked(std::size_t limit = 100);

  EventBacklog backlog();
  EventBacklog last_backlog() const;

 private:
  struct DueWork {
    std::vector<bool> sources;        // by bus_.sources() position
    std::vector<bool> subscriptions;  // by bus_.subscriptions() position
  };
  DueWork find_due();
  // Relays one batch; adds the names of the events it left in an inbox to
  // `relayed`.
  int relay_source(const ModuleId& source, std::vector<std::string>& relayed);
  int deliver_due(const Subscription& subscription);
  int deliver_batch(const Subscription& subscription, int limit);
  void refresh_backlog_if_due();
  void loop();
  // EventWaker: a unit of work of this process committed events.
  void events_committed() override;
  // Before a pass: events committed from now on wake the loop again.
  void take_event_signal();

  Database& db_;
  const EventBus& bus_;
  DispatcherOptions options_;
  std::unique_ptr<EventRelay> relay_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<long long> unrelayed_{0}, pending_{0}, parked_{0};
  // One statement that answers find_due(), built once from the bus.
  std::string due_query_;
  std::chrono::steady_clock::time_point next_backlog_refresh_{};
  bool backlog_failing_ = false;
  // An eventfd that interrupts the loop's wait, so stop() is prompt.
  int wake_fd_ = -1;
  // An eventfd for events_committed(), written once until the loop takes
  // it: a busy loop keeps its pace, an idle one wakes.
  int event_fd_ = -1;
  std::atomic<bool> event_signalled_{false};
  // Whether the last run_once() left work behind at one of its bounds.
  std::atomic<bool> last_pass_bounded_{false};
};

// The default relay: delivers each event to every subscription for its name,
// under the consumer's role, and leaves it in the inbox of a subscriber whose
// handler failed, its first attempt counted against `options`.
std::unique_ptr<EventRelay> make_in_process_relay(const EventBus& bus, const DispatcherOptions& options);

}  // namespace emporium::kernel
