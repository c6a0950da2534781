#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "emporium/kernel/events.hpp"
#include "emporium/kernel/log.hpp"
#include "emporium/kernel/outbox_dispatcher.hpp"
#include "emporium/kernel/sql_text.hpp"
#include "event_handling.hpp"

namespace emporium::kernel {

void EventBus::add_source(const ModuleId& module) {
  const bool known = std::any_of(sources_.begin(), sources_.end(),
                                 [&](const ModuleId& source) { return source.name == module.name; });
  if (!known) sources_.push_back(module);
}

void EventBus::subscribe(const ModuleId& consumer, std::string subscriber, std::string event_name,
                         EventHandler handler) {
  if (subscriber.empty()) throw std::invalid_argument("a subscriber needs a name");
  if (!handler) throw std::invalid_argument("subscriber " + subscriber + " has no handler");
  // The name keys the consumer's inbox: two subscribers sharing it would
  // each mark the other's deliveries done.
  const bool taken = std::any_of(subscriptions_.begin(), subscriptions_.end(),
                                 [&](const Subscription& s) { return s.subscriber == subscriber; });
  if (taken) throw std::invalid_argument("duplicate subscriber name: " + subscriber);
  subscriptions_.push_back(
      Subscription{consumer, std::move(subscriber), std::move(event_name), std::move(handler), nullptr});
}

void EventBus::subscribe_batch(const ModuleId& consumer, std::string subscriber, std::string event_name,
                               BatchEventHandler handler) {
  if (!handler) throw std::invalid_argument("subscriber " + subscriber + " has no handler");
  EventHandler one = [handler](const Event& event, Tx& tx) { handler({event}, tx); };
  subscribe(consumer, subscriber, std::move(event_name), std::move(one));
  subscriptions_.back().batch_handler = std::move(handler);
}

std::chrono::milliseconds retry_delay(const DispatcherOptions& options, int attempts, double unit_random) {
  using std::chrono::milliseconds;
  const double base = static_cast<double>(std::max<long long>(options.backoff_base.count(), 1));
  const double cap = static_cast<double>(std::max<long long>(options.backoff_max.count(), 1));
  // Doubling in floating point saturates at the cap instead of overflowing.
  const int exponent = attempts <= 1 ? 0 : std::min(attempts - 1, 62);
  const double delay = std::min(base * std::ldexp(1.0, exponent), cap);
  const double jitter = std::isfinite(unit_random) ? std::clamp(unit_random, 0.0, 1.0) : 0.0;
  const double jittered = delay / 2 + jitter * (delay / 2);
  return milliseconds(static_cast<long long>(std::clamp(std::round(jittered), 1.0, cap)));
}

namespace {

class InProcessRelay final : public EventRelay {
 public:
  InProcessRelay(const EventBus& bus, const DispatcherOptions& options) : bus_(bus), options_(options) {}

  std::vector<std::string> relay(Tx& tx, const std::vector<Event>& events) override {
    // Grouped by consumer module: one role switch for all of a module's
    // subscribers to any of the events.
    std::map<std::string, std::vector<const Subscription*>> by_schema;
    for (const auto& subscription : bus_.subscriptions()) {
      const bool wanted = std::any_of(events.begin(), events.end(),
                                      [&](const Event& event) { return event.name == subscription.event_name; });
      if (wanted) by_schema[subscription.consumer.schema].push_back(&subscription);
    }
    std::vector<std::string> left_pending;
    for (const auto& [schema, subscriptions] : by_schema) {
      // Deferred, like each savepoint: it goes out with the module's first statement.
      defer_local_role(tx, subscriptions.front()->consumer);
      std::vector<Failure> failures;
      for (const Subscription* subscription : subscriptions) {
        if (auto failure = deliver_directly(tx, *subscription, events)) failures.push_back(std::move(*failure));
      }
      if (failures.empty()) continue;
      std::vector<const Subscription*> failed;
      for (const Failure& failure : failures) failed.push_back(failure.subscription);
      insert_pending(tx.sql(), schema, events, failed);
      for (const Failure& failure : failures) {
        // That was the event's first attempt. Of several, which one failed
        // is not known: they are due at once, for the delivery to tell.
        if (failure.events.size() == 1) {
          detail::record_failed_attempt(tx.sql(), *failure.subscription, failure.events.front(), 1, failure.error,
                                        options_);
        }
        left_pending.push_back(failure.subscription->event_name);
      }
    }
    return left_pending;
  }

 private:
  // In one unit with the relay, a delivery saves what a delivery from the
  // inbox costs: the inbox row's claim and its update to done (neither of
  // them a HOT update), and a transaction per subscriber
  // (docs/performance.md, eleventh pass). When the handler fails, none of
  // its writes and none of the rows stay.
  struct Failure {
    const Subscription* subscription;
    std::vector<Event> events;  // the ones handed to the handler
    std::string error;
  };
  static std::optional<Failure> deliver_directly(Tx& tx, const Subscription& subscription,
                                                 const std::vector<Event>& all) {
    std::vector<Event> events;
    for (const Event& event : all) {
      if (event.name == subscription.event_name) events.push_back(event);
    }
    const std::string rows = events_json(events);
    tx.defer(std::string("SAVEPOINT ") + kSavepoint, {});
    // Only the events whose rows are new are handled: an event relayed
    // again (its outbox row marked unrelayed by hand, say) is not handled
    // twice.
    std::vector<std::string> fresh;
    {
      soci::rowset<std::string> ids =
          (tx.sql().prepare << "INSERT INTO " + quote_identifier(subscription.consumer.schema) +
                                   ".inbox (event_id, subscriber, event_name, event_version, payload, occurred_at, "
                                   "source, received_at, status, processed_at) "
                                   "SELECT e.id, :subscriber, e.name, e.version, e.payload, e.occurred_at, e.source, "
                                   "clock_timestamp() + e.position * interval '1 microsecond', 'done', now() "
                                   "FROM jsonb_to_recordset(CAST(:events AS jsonb)) AS e(position int, id uuid, "
                                   "name text, version int, payload jsonb, occurred_at timestamptz, source text) "
                                   "ORDER BY e.position "
                                   "ON CONFLICT (event_id, subscriber) DO NOTHING RETURNING event_id::text",
           soci::use(subscription.subscriber, "subscriber"), soci::use(rows, "events"));
      fresh.assign(ids.begin(), ids.end());
    }
    std::erase_if(events, [&](const Event& event) {
      return std::find(fresh.begin(), fresh.end(), event.id) == fresh.end();
    });
    if (events.empty()) {
      tx.defer(std::string("RELEASE SAVEPOINT ") + kSavepoint, {});
      return std::nullopt;
    }
    std::string error;
    // A batch handler that asks to roll back is left to the delivery too,
    // which marks its events done without its writes.
    if (detail::handle_under_savepoint(tx, subscription, events, kSavepoint, error) ==
        detail::HandlingOutcome::handled) {
      return std::nullopt;
    }
    log::debug("events", "direct delivery failed; the events wait in the inbox",
               {{"subscriber", subscription.subscriber}, {"error", error}});
    return Failure{&subscription, std::move(events), std::move(error)};
  }

  // The rows for the dispatcher's delivery, which retries and parks.
  static void insert_pending(soci::session& sql, const std::string& schema, const std::vector<Event>& events,
                             const std::vector<const Subscription*>& subscriptions) {
    std::string rows = events_json(events);
    std::string wanted = subscriptions_json(subscriptions);
    // received_at from the clock, not the transaction start, plus the
    // event's position in microseconds: deliveries follow the relay order
    // even among events relayed by one statement.
    sql << "INSERT INTO " + quote_identifier(schema) +
               ".inbox (event_id, subscriber, event_name, event_version, payload, occurred_at, source, received_at) "
               "SELECT e.id, s.subscriber, e.name, e.version, e.payload, e.occurred_at, e.source, "
               "clock_timestamp() + e.position * interval '1 microsecond' "
               "FROM jsonb_to_recordset(CAST(:events AS jsonb)) AS e(position int, id uuid, name text, version int, "
               "payload jsonb, occurred_at timestamptz, source text) "
               "JOIN jsonb_to_recordset(CAST(:subscriptions AS jsonb)) AS s(subscriber text, event_name text) "
               "ON s.event_name = e.name ORDER BY e.position, s.subscriber "
               "ON CONFLICT (event_id, subscriber) DO NOTHING",
        soci::use(rows, "events"), soci::use(wanted, "subscriptions");
  }

  static constexpr const char* kSavepoint = "emporium_direct";

  // The payloads go in as their stored text: parsing them here would turn
  // their numbers into doubles and could change them.
  static std::string events_json(const std::vector<Event>& events) {
    const auto text = [](const std::string& value) { return boost::json::serialize(boost::json::string(value)); };
    std::string rows = "[";
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Event& event = events[i];
      if (i > 0) rows += ',';
      rows += "{\"position\":" + std::to_string(i) + ",\"id\":" + text(event.id) + ",\"name\":" + text(event.name) +
              ",\"version\":" + std::to_string(event.version) + ",\"occurred_at\":" + text(event.occurred_at) +
              ",\"source\":" + text(event.source) + ",\"payload\":" + event.payload + "}";
    }
    return rows + "]";
  }

  static std::string subscriptions_json(const std::vector<const Subscription*>& subscriptions) {
    boost::json::array rows;
    for (const Subscription* subscription : subscriptions) {
      rows.push_back({{"subscriber", subscription->subscriber}, {"event_name", subscription->event_name}});
    }
    return boost::json::serialize(rows);
  }

  const EventBus& bus_;
  const DispatcherOptions options_;
};

}  // namespace

std::unique_ptr<EventRelay> make_in_process_relay(const EventBus& bus, const DispatcherOptions& options) {
  return std::make_unique<InProcessRelay>(bus, options);
}

}  // namespace emporium::kernel
