#pragma once
// Moves events from outboxes to subscribers, on its own thread. Woken by
// LISTEN emporium_outbox, with polling as the fallback. Several instances
// against one database share the work through FOR UPDATE SKIP LOCKED.
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

class OutboxDispatcher {
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
  int relay_source(const ModuleId& source);
  int deliver_due(const Subscription& subscription);
  bool deliver_one(const Subscription& subscription);
  void loop();

  Database& db_;
  const EventBus& bus_;
  DispatcherOptions options_;
  std::unique_ptr<EventRelay> relay_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<long long> unrelayed_{0}, pending_{0}, parked_{0};
  // An eventfd that interrupts the loop's wait, so stop() is prompt.
  int wake_fd_ = -1;
};

// The default relay: copies each event into the inbox of every subscription
// for its name, under the consumer's role.
std::unique_ptr<EventRelay> make_in_process_relay(const EventBus& bus);

}  // namespace emporium::kernel
