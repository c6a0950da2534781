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
  subscriptions_.push_back(Subscription{consumer, std::move(subscriber), std::move(event_name), std::move(handler)});
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

  void relay(soci::session& sql, const Event& event) override {
    // Grouped by consumer so each role is switched to once per event.
    std::map<std::string, std::vector<const Subscription*>> by_schema;
    for (const auto& subscription : bus_.subscriptions()) {
      if (subscription.event_name == event.name) by_schema[subscription.consumer.schema].push_back(&subscription);
    }
    for (const auto& [schema, subscriptions] : by_schema) {
      set_local_role(sql, subscriptions.front()->consumer);
      // received_at from the clock, not the transaction start, keeps the
      // relay order among events relayed together.
      const std::string insert =
          "INSERT INTO " + quote_identifier(schema) +
          ".inbox (event_id, subscriber, event_name, event_version, payload, occurred_at, source, received_at) "
          "VALUES (CAST(:id AS uuid), :subscriber, :name, :version, CAST(:payload AS jsonb), "
          "CAST(:occurred_at AS timestamptz), :source, clock_timestamp()) "
          "ON CONFLICT (event_id, subscriber) DO NOTHING";
      for (const Subscription* subscription : subscriptions) {
        int version = event.version;
        sql << insert, soci::use(event.id, "id"), soci::use(subscription->subscriber, "subscriber"),
            soci::use(event.name, "name"), soci::use(version, "version"), soci::use(event.payload, "payload"),
            soci::use(event.occurred_at, "occurred_at"), soci::use(event.source, "source");
      }
    }
  }

 private:
  const EventBus& bus_;
};

}  // namespace

std::unique_ptr<EventRelay> make_in_process_relay(const EventBus& bus) {
  return std::make_unique<InProcessRelay>(bus);
}

}  // namespace emporium::kernel
