#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "emporium/kernel/events.hpp"
#include "emporium/kernel/outbox_dispatcher.hpp"

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
  explicit InProcessRelay(const EventBus& bus) : bus_(bus) {}

  void relay(soci::session& sql, const std::vector<Event>& events) override {
    // Grouped by consumer module: one role switch and one INSERT for all of
    // a module's subscribers to any of the events.
    std::map<std::string, std::vector<const Subscription*>> by_schema;
    for (const auto& subscription : bus_.subscriptions()) {
      const bool wanted = std::any_of(events.begin(), events.end(),
                                      [&](const Event& event) { return event.name == subscription.event_name; });
      if (wanted) by_schema[subscription.consumer.schema].push_back(&subscription);
    }
    if (by_schema.empty()) return;
    std::string rows = events_json(events);
    for (const auto& [schema, subscriptions] : by_schema) {
      std::string wanted = subscriptions_json(subscriptions);
      set_local_role(sql, subscriptions.front()->consumer);
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
  }

 private:
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
};

}  // namespace

std::unique_ptr<EventRelay> make_in_process_relay(const EventBus& bus) {
  return std::make_unique<InProcessRelay>(bus);
}

}  // namespace emporium::kernel
