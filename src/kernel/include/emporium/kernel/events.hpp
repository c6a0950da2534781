#pragma once
// The in-process event bus over transactional outboxes.
//
// Publish: Tx::publish writes the event to the publishing module's outbox in
// the same transaction as the change, and wakes the dispatcher once it
// commits (database.hpp).
// Relay: the dispatcher claims unrelayed outbox rows (FOR UPDATE SKIP LOCKED)
// and hands them to an EventRelay. The in-process relay delivers them to
// every subscriber directly, in the relaying transaction: under a savepoint
// per subscriber and its role, it writes the subscriber's inbox rows as done
// (ON CONFLICT DO NOTHING, so a repeat is a no-op) and runs its handler on
// the events that were new. A subscriber whose handler fails gets its rows
// written as pending instead, for the delivery below.
// Deliver: each subscriber's pending inbox rows are claimed in batches and
// handled in the consumer's own transaction, the batch under one savepoint
// (again one event per savepoint when any of them fails), and the same
// transaction marks them done; a failure is retried with backoff and parked
// after the last attempt. Delivery is at least once: a handler may see an
// event again, and must give the same outcome.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"

namespace emporium::kernel {

struct Event {
  std::string id;  // uuid
  std::string name;  // e.g. "user.registered"
  int version = 1;
  std::string payload;  // JSON object text
  std::string occurred_at;  // RFC 3339 UTC
  std::string source;  // publishing module
};

using EventHandler = std::function<void(const Event&, Tx&)>;
// Handles several events (in delivery order) in one go, for a consumer that
// can apply them with a few statements instead of a few per event.
using BatchEventHandler = std::function<void(const std::vector<Event>&, Tx&)>;

struct Subscription {
  ModuleId consumer;
  std::string subscriber;  // unique name, e.g. "notification.on_user_registered"
  std::string event_name;
  EventHandler handler;
  // Set by subscribe_batch. When a batch fails it is undone and its events
  // are handled one by one, so a bad event is retried and parked alone.
  BatchEventHandler batch_handler;
};

class EventBus {
 public:
  // Every module has an outbox; the dispatcher relays from all of them.
  void add_source(const ModuleId& module);
  void subscribe(const ModuleId& consumer, std::string subscriber, std::string event_name, EventHandler handler);
  void subscribe_batch(const ModuleId& consumer, std::string subscriber, std::string event_name,
                       BatchEventHandler handler);

  const std::vector<ModuleId>& sources() const { return sources_; }
  const std::vector<Subscription>& subscriptions() const { return subscriptions_; }

 private:
  std::vector<ModuleId> sources_;
  std::vector<Subscription> subscriptions_;
};

// Where relayed events go. In-process: the subscribers' inboxes. A broker
// relay later replaces this, not the modules.
class EventRelay {
 public:
  virtual ~EventRelay() = default;
  // Runs inside the relaying unit of work (role switching is the relay's
  // job; the caller switches back to the source's role). `events` are in
  // outbox order. Returns the names of the events it left in an inbox for
  // the dispatcher's delivery.
  virtual std::vector<std::string> relay(Tx& tx, const std::vector<Event>& events) = 0;
};

struct DispatcherOptions {
  std::chrono::milliseconds poll_interval{1000};
  int max_attempts = 8;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_max{300000};
  int batch_size = 100;
  // Threads of one pass. Outboxes are relayed side by side, then
  // subscribers are served side by side; one subscriber's events are always
  // delivered by one thread, in order. Each thread holds a connection, and a
  // handler that calls another module's interface holds a second one.
  int workers = 4;
};

// Delay before attempt `attempts + 1`: exponential with full jitter in
// [delay/2, delay], capped at backoff_max. `unit_random` is in [0, 1).
std::chrono::milliseconds retry_delay(const DispatcherOptions& options, int attempts, double unit_random);

// A delivery that exhausted its attempts, kept for an admin to inspect and retry.
struct ParkedDelivery {
  std::string event_id;
  std::string event_name;
  std::string subscriber;
  std::string source;
  int attempts = 0;
  std::string last_error;
  std::string occurred_at;  // RFC 3339 UTC
};

struct EventBacklog {
  long long unrelayed = 0;  // outbox rows not yet relayed
  long long pending = 0;    // inbox deliveries waiting or retrying
  long long parked = 0;     // deliveries that exhausted their attempts
};

}  // namespace emporium::kernel
