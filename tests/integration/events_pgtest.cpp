// The event bus against a real PostgreSQL: outbox, relay, inboxes, retries.
#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"
#include "emporium/kernel/outbox_dispatcher.hpp"
#include "test_database.hpp"

namespace {

using emporium::kernel::Database;
using emporium::kernel::DispatcherOptions;
using emporium::kernel::Event;
using emporium::kernel::EventBus;
using emporium::kernel::ModuleId;
using emporium::kernel::OutboxDispatcher;
using emporium::kernel::Tx;
using namespace std::chrono_literals;

const ModuleId& module(const std::string& name) {
  for (const auto& m : emporium::testing::all_modules()) {
    if (m.name == name) return m;
  }
  throw std::invalid_argument("no module " + name);
}

std::string quoted(const std::string& identifier) { return "\"" + identifier + "\""; }

// Publisher and consumers; `user` is among them for its reserved-word schema.
const ModuleId& catalog() { return module("catalog"); }
const ModuleId& inventory() { return module("inventory"); }
const ModuleId& analytics() { return module("analytics"); }
const ModuleId& user() { return module("user"); }

DispatcherOptions fast_retries(int max_attempts) {
  DispatcherOptions options;
  options.max_attempts = max_attempts;
  options.backoff_base = 1ms;
  options.backoff_max = 5ms;
  return options;
}

// Retries far in the future, so each pass makes at most one attempt.
DispatcherOptions slow_retries(int max_attempts) {
  DispatcherOptions options;
  options.max_attempts = max_attempts;
  options.backoff_base = 60s;
  options.backoff_max = 120s;
  return options;
}

int drain(OutboxDispatcher& dispatcher) {
  int total = 0;
  for (int pass = 0; pass < 1000; ++pass) {
    const int done = dispatcher.run_once();
    total += done;
    if (done == 0) break;
  }
  return total;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return condition();
}

long long count(Database& db, const ModuleId& as, const std::string& query) {
  long long n = 0;
  db.transact(as, [&](Tx& tx) { tx.sql() << query, soci::into(n); });
  return n;
}

// One database with all schemas, every module an event source, and a table
// in each consumer's schema where handlers record what they handled.
struct Bed {
  std::string url = emporium::testing::migrated_database("events");
  Database db{url, 4};
  EventBus bus;

  Bed() {
    for (const auto& m : emporium::testing::all_modules()) bus.add_source(m);
    for (const ModuleId* consumer : {&inventory(), &analytics(), &user()}) {
      db.transact(*consumer, [&](Tx& tx) {
        tx.sql() << "CREATE TABLE " + quoted(consumer->schema) +
                        ".handled (event_id uuid NOT NULL, subscriber text NOT NULL)";
      });
    }
  }

  std::string publish(const std::string& name = "catalog.product_created",
                      const std::string& payload = R"({"product_id": "prod_1"})") {
    return db.transact(catalog(), [&](Tx& tx) { return tx.publish(name, 1, payload); });
  }

  // The same from a pool of its own, which has no dispatcher to wake and so
  // notifies: another instance, or the command line.
  std::string publish_from_another_process() {
    Database elsewhere(url, 1);
    return elsewhere.transact(catalog(), [](Tx& tx) {
      return tx.publish("catalog.product_created", 1, R"({"product_id": "prod_1"})");
    });
  }

  // How many committed handler runs recorded this (event, subscriber).
  long long handled(const ModuleId& consumer, const std::string& event_id, const std::string& subscriber) {
    long long n = 0;
    db.transact(consumer, [&](Tx& tx) {
      tx.sql() << "SELECT count(*) FROM " + quoted(consumer.schema) +
                      ".handled WHERE event_id = CAST(:id AS uuid) AND subscriber = :s",
          soci::use(event_id, "id"), soci::use(subscriber, "s"), soci::into(n);
    });
    return n;
  }

  long long handled_total(const ModuleId& consumer) {
    return count(db, consumer, "SELECT count(*) FROM " + quoted(consumer.schema) + ".handled");
  }

  struct InboxRow {
    std::string status;
    int attempts = -1;
    std::string last_error;
  };

  InboxRow inbox(const ModuleId& consumer, const std::string& event_id, const std::string& subscriber) {
    InboxRow row;
    db.transact(consumer, [&](Tx& tx) {
      soci::indicator error_indicator = soci::i_null;
      tx.sql() << "SELECT status, attempts, last_error FROM " + quoted(consumer.schema) +
                      ".inbox WHERE event_id = CAST(:id AS uuid) AND subscriber = :s",
          soci::use(event_id, "id"), soci::use(subscriber, "s"), soci::into(row.status), soci::into(row.attempts),
          soci::into(row.last_error, error_indicator);
      if (!tx.sql().got_data()) row.status = "absent";
    });
    return row;
  }

  void make_due_now(const ModuleId& consumer) {
    db.transact(consumer, [&](Tx& tx) {
      tx.sql() << "UPDATE " + quoted(consumer.schema) + ".inbox SET next_attempt_at = now() WHERE status = 'pending'";
    });
  }
};

// A handler that records the event in its consumer's `handled` table.
emporium::kernel::EventHandler recorder(const ModuleId& consumer, const std::string& subscriber,
                                        std::atomic<int>* calls = nullptr) {
  return [&consumer, subscriber, calls](const Event& event, Tx& tx) {
    if (calls != nullptr) ++*calls;
    tx.sql() << "INSERT INTO " + quoted(consumer.schema) +
                    ".handled (event_id, subscriber) VALUES (CAST(:id AS uuid), :s)",
        soci::use(event.id, "id"), soci::use(subscriber, "s");
  };
}

}  // namespace

TEST_CASE("subscribing a second subscriber under a taken name is rejected") {
  EventBus bus;
  bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created", [](const Event&, Tx&) {});
  CHECK_THROWS_AS(
      bus.subscribe(analytics(), "inventory.on_product", "catalog.product_updated", [](const Event&, Tx&) {}),
      std::invalid_argument);
  CHECK(bus.subscriptions().size() == 1);
}

TEST_CASE("an event published in a rolled-back transaction is never delivered") {
  Bed bed;
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product"));

  std::string thrown_id;
  CHECK_THROWS_AS(bed.db.transact(catalog(),
                                  [&](Tx& tx) {
                                    thrown_id = tx.publish("catalog.product_created", 1, "{}");
                                    throw std::runtime_error("the change failed");
                                  }),
                  std::runtime_error);
  std::string abandoned_id;
  bed.db.transact(catalog(), [&](Tx& tx) {
    abandoned_id = tx.publish("catalog.product_created", 1, "{}");
    tx.rollback_only();
  });
  const std::string committed_id = bed.publish();

  OutboxDispatcher dispatcher(bed.db, bed.bus, DispatcherOptions{});
  drain(dispatcher);

  CHECK(bed.handled(inventory(), committed_id, "inventory.on_product") == 1);
  CHECK(bed.handled(inventory(), thrown_id, "inventory.on_product") == 0);
  CHECK(bed.handled(inventory(), abandoned_id, "inventory.on_product") == 0);
  CHECK(bed.handled_total(inventory()) == 1);
  CHECK(count(bed.db, catalog(), "SELECT count(*) FROM catalog.outbox") == 1);
}

TEST_CASE("a committed event is delivered exactly once to each subscriber, in its own module") {
  Bed bed;
  std::mutex seen_mutex;
  std::vector<Event> seen;
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    [&](const Event& event, Tx& tx) {
                      {
                        std::lock_guard lock(seen_mutex);
                        seen.push_back(event);
                      }
                      CHECK(tx.module().name == "inventory");
                      recorder(inventory(), "inventory.on_product")(event, tx);
                    });
  bed.bus.subscribe(user(), "user.on_product", "catalog.product_created", recorder(user(), "user.on_product"));
  bed.bus.subscribe(analytics(), "analytics.on_other", "catalog.product_archived",
                    recorder(analytics(), "analytics.on_other"));

  const std::string id = bed.publish("catalog.product_created", R"({"product_id": "prod_1"})");
  OutboxDispatcher dispatcher(bed.db, bed.bus, DispatcherOptions{});
  // One relayed; the relay delivered it to both subscribers itself, so no
  // inbox delivery was left to the dispatcher.
  CHECK(drain(dispatcher) == 1);
  CHECK(drain(dispatcher) == 0);

  CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
  CHECK(bed.handled(user(), id, "user.on_product") == 1);
  CHECK(bed.handled_total(analytics()) == 0);
  CHECK(bed.inbox(inventory(), id, "inventory.on_product").status == "done");
  CHECK(bed.inbox(user(), id, "user.on_product").status == "done");
  CHECK(bed.inbox(analytics(), id, "analytics.on_other").status == "absent");
  CHECK(count(bed.db, catalog(), "SELECT count(*) FROM catalog.outbox WHERE relayed_at IS NULL") == 0);

  REQUIRE(seen.size() == 1);
  CHECK(seen[0].id == id);
  CHECK(seen[0].name == "catalog.product_created");
  CHECK(seen[0].version == 1);
  CHECK(seen[0].source == "catalog");
  CHECK(seen[0].payload == R"({"product_id": "prod_1"})");
  REQUIRE(seen[0].occurred_at.size() == 20);
  CHECK(seen[0].occurred_at[10] == 'T');
  CHECK(seen[0].occurred_at.back() == 'Z');
}

TEST_CASE("relaying the same event again does not deliver it twice") {
  Bed bed;
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product"));
  const std::string id = bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, DispatcherOptions{});
  drain(dispatcher);
  REQUIRE(bed.handled(inventory(), id, "inventory.on_product") == 1);

  // As if the relaying instance died after copying to the inboxes but
  // before marking the outbox row.
  bed.db.transact(catalog(), [&](Tx& tx) { tx.sql() << "UPDATE catalog.outbox SET relayed_at = NULL"; });
  CHECK(drain(dispatcher) == 1);  // relayed again, nothing new to deliver
  CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
  CHECK(count(bed.db, inventory(), "SELECT count(*) FROM inventory.inbox") == 1);
}

TEST_CASE("the relay runs an in-process subscriber's handler in the transaction that marks the event relayed") {
  Bed bed;
  std::string handler_xid;
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created", [&](const Event& event, Tx& tx) {
    CHECK(tx.module().name == "inventory");
    // The top-level transaction's id, also from under a savepoint.
    tx.sql() << "SELECT pg_current_xact_id()::text", soci::into(handler_xid);
    recorder(inventory(), "inventory.on_product")(event, tx);
  });
  const std::string id = bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, DispatcherOptions{});
  CHECK(dispatcher.run_once() == 1);

  CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
  const auto row = bed.inbox(inventory(), id, "inventory.on_product");
  CHECK(row.status == "done");
  CHECK(row.attempts == 0);
  std::string relayed_by;
  bed.db.transact(catalog(), [&](Tx& tx) {
    tx.sql() << "SELECT xmin::text FROM catalog.outbox WHERE id = CAST(:id AS uuid) AND relayed_at IS NOT NULL",
        soci::use(id, "id"), soci::into(relayed_by);
  });
  CHECK(!handler_xid.empty());
  CHECK(relayed_by == handler_xid);
}

TEST_CASE("a handler that asks to roll back keeps none of its writes, and its events are done") {
  Bed bed;
  std::atomic<int> batch_calls{0};
  std::atomic<int> single_calls{0};
  bed.bus.subscribe_batch(inventory(), "inventory.refusing", "catalog.product_created",
                          [&](const std::vector<Event>& events, Tx& tx) {
                            ++batch_calls;
                            for (const auto& event : events) recorder(inventory(), "inventory.refusing")(event, tx);
                            tx.rollback_only();
                          });
  bed.bus.subscribe(analytics(), "analytics.refusing", "catalog.product_created", [&](const Event& event, Tx& tx) {
    recorder(analytics(), "analytics.refusing", &single_calls)(event, tx);
    tx.rollback_only();
  });
  const std::string first = bed.publish();
  const std::string second = bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, slow_retries(3));
  drain(dispatcher);

  for (const auto& id : {first, second}) {
    CHECK(bed.inbox(inventory(), id, "inventory.refusing").status == "done");
    CHECK(bed.inbox(inventory(), id, "inventory.refusing").attempts == 0);
    CHECK(bed.inbox(analytics(), id, "analytics.refusing").status == "done");
    CHECK(bed.inbox(analytics(), id, "analytics.refusing").attempts == 0);
  }
  CHECK(bed.handled_total(inventory()) == 0);
  CHECK(bed.handled_total(analytics()) == 0);
  // The relay left both to the delivery: the batch handler ran there once
  // more; the event-at-a-time one ran in the relay's batch, the delivery's
  // batch, and then one event at a time.
  CHECK(batch_calls.load() == 2);
  CHECK(single_calls.load() == 4);
}

TEST_CASE("two dispatchers on one database deliver each event once to each subscriber") {
  Bed bed;
  std::atomic<int> inventory_calls{0}, user_calls{0};
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product", &inventory_calls));
  bed.bus.subscribe(user(), "user.on_product", "catalog.product_created",
                    recorder(user(), "user.on_product", &user_calls));

  constexpr int kEvents = 50;
  std::vector<std::string> ids;
  for (int i = 0; i < kEvents; ++i) ids.push_back(bed.publish());

  // Two instances: each its own pool, its own dispatcher, its own thread.
  Database db_a(bed.url, 2), db_b(bed.url, 2);
  DispatcherOptions small_batches;
  small_batches.batch_size = 5;
  OutboxDispatcher a(db_a, bed.bus, small_batches), b(db_b, bed.bus, small_batches);
  std::atomic<int> done_a{0}, done_b{0};
  std::thread thread_a([&] { done_a = drain(a); });
  std::thread thread_b([&] { done_b = drain(b); });
  thread_a.join();
  thread_b.join();
  // One may have stopped while the other still held rows; finish those.
  drain(a);

  for (const auto& id : ids) {
    CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
    CHECK(bed.handled(user(), id, "user.on_product") == 1);
  }
  CHECK(bed.handled_total(inventory()) == kEvents);
  CHECK(bed.handled_total(user()) == kEvents);
  CHECK(inventory_calls.load() == kEvents);
  CHECK(user_calls.load() == kEvents);
  CHECK(a.backlog().pending == 0);
  CHECK(a.backlog().unrelayed == 0);
}

TEST_CASE("a failing consumer is retried while a healthy consumer of the same event is not held up") {
  Bed bed;
  std::atomic<int> flaky_calls{0}, healthy_calls{0};
  // Registered first, so its failure comes before the healthy delivery.
  bed.bus.subscribe(analytics(), "analytics.flaky", "catalog.product_created", [&](const Event& event, Tx& tx) {
    if (++flaky_calls <= 2) throw std::runtime_error("analytics store unavailable");
    recorder(analytics(), "analytics.flaky")(event, tx);
  });
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product", &healthy_calls));
  const std::string id = bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, slow_retries(5));

  drain(dispatcher);
  CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
  CHECK(bed.inbox(inventory(), id, "inventory.on_product").status == "done");
  auto flaky = bed.inbox(analytics(), id, "analytics.flaky");
  CHECK(flaky.status == "pending");
  CHECK(flaky.attempts == 1);
  CHECK(flaky.last_error == "analytics store unavailable");
  CHECK(flaky_calls.load() == 1);
  // Backing off: not retried before its time.
  CHECK(drain(dispatcher) == 0);
  CHECK(flaky_calls.load() == 1);

  bed.make_due_now(analytics());
  drain(dispatcher);
  CHECK(bed.inbox(analytics(), id, "analytics.flaky").attempts == 2);
  bed.make_due_now(analytics());
  drain(dispatcher);

  flaky = bed.inbox(analytics(), id, "analytics.flaky");
  CHECK(flaky.status == "done");
  CHECK(flaky.attempts == 2);
  CHECK(flaky_calls.load() == 3);
  CHECK(bed.handled(analytics(), id, "analytics.flaky") == 1);
  CHECK(healthy_calls.load() == 1);
  CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
}

TEST_CASE("a batch subscriber gets due events together, and a failing batch falls back to one event at a time") {
  Bed bed;
  std::vector<std::size_t> batch_sizes;
  const std::string poison = R"({"product_id": "poison"})";
  bed.bus.subscribe_batch(inventory(), "inventory.batched", "catalog.product_created",
                          [&](const std::vector<Event>& events, Tx& tx) {
                            batch_sizes.push_back(events.size());
                            for (const auto& event : events) {
                              if (event.payload.find("poison") != std::string::npos) {
                                throw std::runtime_error("cannot apply a poisoned event");
                              }
                              recorder(inventory(), "inventory.batched")(event, tx);
                            }
                          });
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(bed.publish());
  OutboxDispatcher dispatcher(bed.db, bed.bus, slow_retries(3));
  drain(dispatcher);
  REQUIRE(batch_sizes.size() == 1);
  CHECK(batch_sizes[0] == 5);
  for (const auto& id : ids) CHECK(bed.handled(inventory(), id, "inventory.batched") == 1);

  // A bad event among good ones: the relay's batch is undone and left in
  // the inbox, where the delivery tries the batch again, then delivers the
  // events one by one, and only the bad one waits for its retry.
  batch_sizes.clear();
  const std::string good_before = bed.publish();
  const std::string bad = bed.publish("catalog.product_created", poison);
  const std::string good_after = bed.publish();
  drain(dispatcher);
  CHECK(batch_sizes == std::vector<std::size_t>{3, 3, 1, 1, 1});
  CHECK(bed.handled(inventory(), good_before, "inventory.batched") == 1);
  CHECK(bed.handled(inventory(), good_after, "inventory.batched") == 1);
  CHECK(bed.handled(inventory(), bad, "inventory.batched") == 0);
  auto row = bed.inbox(inventory(), bad, "inventory.batched");
  CHECK(row.status == "pending");
  CHECK(row.attempts == 1);
  CHECK(row.last_error == "cannot apply a poisoned event");
  CHECK(bed.handled_total(inventory()) == 7);
}

TEST_CASE("an event-at-a-time subscriber's batch runs under one savepoint, and falls back when an event fails") {
  Bed bed;
  std::atomic<int> calls{0};
  bed.bus.subscribe(analytics(), "analytics.one_at_a_time", "catalog.product_created",
                    [&](const Event& event, Tx& tx) {
                      if (event.payload.find("poison") != std::string::npos) {
                        throw std::runtime_error("cannot apply a poisoned event");
                      }
                      recorder(analytics(), "analytics.one_at_a_time", &calls)(event, tx);
                    });
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(bed.publish());
  OutboxDispatcher dispatcher(bed.db, bed.bus, slow_retries(3));
  drain(dispatcher);
  CHECK(calls == 4);
  for (const auto& id : ids) CHECK(bed.handled(analytics(), id, "analytics.one_at_a_time") == 1);
  // Rows written under one savepoint share one subtransaction id; one
  // savepoint per event would give each row its own.
  CHECK(count(bed.db, analytics(), "SELECT count(DISTINCT xmin::text) FROM analytics.handled") == 1);

  // A bad event: the relay's batch is undone, the delivery's batch too, and
  // then the events are handled one by one, so the good event before it
  // runs three times, each good one is recorded once, and only the bad one
  // waits.
  calls = 0;
  const std::string good_before = bed.publish();
  const std::string bad = bed.publish("catalog.product_created", R"({"product_id": "poison"})");
  const std::string good_after = bed.publish();
  drain(dispatcher);
  CHECK(calls == 4);
  CHECK(bed.handled(analytics(), good_before, "analytics.one_at_a_time") == 1);
  CHECK(bed.handled(analytics(), good_after, "analytics.one_at_a_time") == 1);
  CHECK(bed.handled(analytics(), bad, "analytics.one_at_a_time") == 0);
  auto row = bed.inbox(analytics(), bad, "analytics.one_at_a_time");
  CHECK(row.status == "pending");
  CHECK(row.attempts == 1);
  CHECK(bed.handled_total(analytics()) == 6);
}

TEST_CASE("a consumer that always fails is parked after max_attempts, shown in the backlog, and retried on request") {
  Bed bed;
  std::atomic<bool> broken{true};
  std::atomic<int> calls{0};
  bed.bus.subscribe(analytics(), "analytics.poison", "catalog.product_created", [&](const Event& event, Tx& tx) {
    ++calls;
    if (broken) throw std::runtime_error("cannot digest this event");
    recorder(analytics(), "analytics.poison")(event, tx);
  });
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product"));
  const std::string id = bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, fast_retries(3));

  // Real backoff, a few milliseconds long: await the parking.
  CHECK(eventually(
      [&] {
        dispatcher.run_once();
        return bed.inbox(analytics(), id, "analytics.poison").status == "parked";
      },
      10s));
  auto parked = bed.inbox(analytics(), id, "analytics.poison");
  CHECK(parked.attempts == 3);
  CHECK(parked.last_error == "cannot digest this event");
  CHECK(calls.load() == 3);
  CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);

  std::this_thread::sleep_for(20ms);  // past any backoff: parked rows must stay put
  drain(dispatcher);
  CHECK(calls.load() == 3);
  auto backlog = dispatcher.backlog();
  CHECK(backlog.parked == 1);
  CHECK(backlog.pending == 0);
  CHECK(backlog.unrelayed == 0);
  CHECK(dispatcher.last_backlog().parked == 1);
  auto listed = dispatcher.parked();
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].event_id == id);
  CHECK(listed[0].subscriber == "analytics.poison");
  CHECK(listed[0].attempts == 3);
  CHECK(listed[0].last_error == "cannot digest this event");

  CHECK(dispatcher.retry_parked("00000000-0000-0000-0000-000000000000") == 0);
  CHECK(dispatcher.retry_parked("not-an-id") == 0);
  broken = false;
  CHECK(dispatcher.retry_parked(id) == 1);
  backlog = dispatcher.backlog();
  CHECK(backlog.parked == 0);
  CHECK(backlog.pending == 1);
  CHECK(dispatcher.parked().empty());

  drain(dispatcher);
  auto row = bed.inbox(analytics(), id, "analytics.poison");
  CHECK(row.status == "done");
  CHECK(row.attempts == 0);
  CHECK(calls.load() == 4);
  CHECK(bed.handled(analytics(), id, "analytics.poison") == 1);
  CHECK(dispatcher.backlog().pending == 0);
}

TEST_CASE("retry_parked without an id brings back every parked delivery") {
  Bed bed;
  bed.bus.subscribe(analytics(), "analytics.poison", "catalog.product_created",
                    [](const Event&, Tx&) { throw std::runtime_error("no"); });
  bed.bus.subscribe(user(), "user.poison", "catalog.product_created",
                    [](const Event&, Tx&) { throw std::runtime_error("no"); });
  bed.publish();
  bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, slow_retries(1));
  drain(dispatcher);
  CHECK(dispatcher.backlog().parked == 4);
  CHECK(dispatcher.retry_parked() == 4);
  CHECK(dispatcher.backlog().parked == 0);
  CHECK(dispatcher.backlog().pending == 4);
}

TEST_CASE("a handler's writes commit with its inbox row, and are undone when it throws") {
  Bed bed;
  std::atomic<int> calls{0};
  bed.bus.subscribe(analytics(), "analytics.writer", "catalog.product_created", [&](const Event& event, Tx& tx) {
    recorder(analytics(), "analytics.writer")(event, tx);
    if (++calls == 1) throw std::runtime_error("failed after writing");
  });
  const std::string id = bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, slow_retries(3));

  drain(dispatcher);
  CHECK(calls.load() == 1);
  CHECK(bed.handled(analytics(), id, "analytics.writer") == 0);
  CHECK(bed.inbox(analytics(), id, "analytics.writer").attempts == 1);

  bed.make_due_now(analytics());
  drain(dispatcher);
  CHECK(calls.load() == 2);
  CHECK(bed.handled(analytics(), id, "analytics.writer") == 1);
  CHECK(bed.inbox(analytics(), id, "analytics.writer").status == "done");
}

TEST_CASE("a handler that breaks its transaction with bad SQL is retried, not lost") {
  Bed bed;
  std::atomic<int> calls{0};
  bed.bus.subscribe(analytics(), "analytics.sql", "catalog.product_created", [&](const Event& event, Tx& tx) {
    if (++calls == 1) tx.sql() << "SELECT * FROM analytics.no_such_table";
    // Another module's schema is out of bounds for this role.
    if (calls == 2) tx.sql() << "SELECT count(*) FROM catalog.outbox";
    recorder(analytics(), "analytics.sql")(event, tx);
  });
  const std::string id = bed.publish();
  OutboxDispatcher dispatcher(bed.db, bed.bus, slow_retries(5));
  drain(dispatcher);
  CHECK(bed.inbox(analytics(), id, "analytics.sql").attempts == 1);
  bed.make_due_now(analytics());
  drain(dispatcher);
  const auto row = bed.inbox(analytics(), id, "analytics.sql");
  CHECK(row.attempts == 2);
  CHECK(row.last_error.find("permission denied") != std::string::npos);
  bed.make_due_now(analytics());
  drain(dispatcher);
  CHECK(bed.inbox(analytics(), id, "analytics.sql").status == "done");
  CHECK(bed.handled(analytics(), id, "analytics.sql") == 1);
}

// A LISTEN emporium_outbox connection of the test's own, to see whether a
// commit notified.
class OutboxListener {
 public:
  explicit OutboxListener(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    REQUIRE(PQstatus(conn_) == CONNECTION_OK);
    PQclear(PQexec(conn_, "LISTEN emporium_outbox"));
  }
  ~OutboxListener() { PQfinish(conn_); }
  OutboxListener(const OutboxListener&) = delete;
  OutboxListener& operator=(const OutboxListener&) = delete;

  // Notifications that arrived within `wait`.
  int received(std::chrono::milliseconds wait) {
    int count = 0;
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < deadline) {
      PQconsumeInput(conn_);
      while (PGnotify* notification = PQnotifies(conn_)) {
        ++count;
        PQfreemem(notification);
      }
      std::this_thread::sleep_for(10ms);
    }
    return count;
  }

 private:
  PGconn* conn_;
};

// The bed with one subscriber and a started dispatcher that has handled a
// first event (perhaps in its start-up pass) and settled into a 30 s wait:
// from then on, a prompt delivery can only come from a wake-up.
struct WaitingBed : Bed {
  bool subscribed = subscribe();
  OutboxDispatcher dispatcher{db, bus, thirty_second_poll()};

  WaitingBed() {
    dispatcher.start();
    REQUIRE(delivered(publish()));
    std::this_thread::sleep_for(200ms);
  }

  bool delivered(const std::string& event_id) {
    return eventually([&] { return handled(inventory(), event_id, "inventory.on_product") == 1; }, 5s);
  }

 private:
  bool subscribe() {
    bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                  recorder(inventory(), "inventory.on_product"));
    return true;
  }
  static DispatcherOptions thirty_second_poll() {
    DispatcherOptions options;
    options.poll_interval = 30s;
    return options;
  }
};

TEST_CASE("an event committed in the dispatcher's process wakes it without NOTIFY, and stop is prompt") {
  WaitingBed bed;
  OutboxListener listener(bed.url);
  const auto published = std::chrono::steady_clock::now();
  CHECK(bed.delivered(bed.publish()));
  CHECK(std::chrono::steady_clock::now() - published < 5s);
  CHECK(listener.received(200ms) == 0);

  const auto stopping = std::chrono::steady_clock::now();
  bed.dispatcher.stop();
  CHECK(std::chrono::steady_clock::now() - stopping < 2s);

  // A stopped dispatcher wakes nothing: its process's events notify again,
  // for a dispatcher elsewhere.
  bed.publish();
  CHECK(listener.received(500ms) == 1);
}

TEST_CASE("NOTIFY wakes a started dispatcher for an event committed by another process") {
  WaitingBed bed;
  CHECK(bed.delivered(bed.publish_from_another_process()));
  bed.dispatcher.stop();
}

TEST_CASE("a started dispatcher reconnects its LISTEN connection after the server drops it") {
  WaitingBed bed;
  long long dropped = 0;
  bed.db.with_session([&](soci::session& sql) {
    sql << "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
           "WHERE datname = current_database() AND query = 'LISTEN emporium_outbox'",
        soci::into(dropped);
  });
  REQUIRE(dropped == 1);
  // Only a new LISTEN connection can bring this one in before the 30 s poll.
  REQUIRE(eventually(
      [&] {
        long long listening = 0;
        bed.db.with_session([&](soci::session& sql) {
          sql << "SELECT count(*) FROM pg_stat_activity "
                 "WHERE datname = current_database() AND query = 'LISTEN emporium_outbox'",
              soci::into(listening);
        });
        return listening == 1;
      },
      5s));
  std::this_thread::sleep_for(200ms);  // let it settle into its long wait
  // This process's own events would wake the dispatcher without LISTEN.
  CHECK(bed.delivered(bed.publish_from_another_process()));
  bed.dispatcher.stop();
}

TEST_CASE("a started dispatcher keeps delivering after the server drops all its connections") {
  Bed bed;
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product"));
  Database dispatcher_db(bed.url + " application_name=events_dispatcher", 2);
  DispatcherOptions options;
  options.poll_interval = 100ms;
  OutboxDispatcher dispatcher(dispatcher_db, bed.bus, options);
  dispatcher.start();
  const std::string first = bed.publish();
  REQUIRE(eventually([&] { return bed.handled(inventory(), first, "inventory.on_product") == 1; }, 5s));

  long long dropped = 0;
  bed.db.with_session([&](soci::session& sql) {
    sql << "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
           "WHERE datname = current_database() AND application_name = 'events_dispatcher'",
        soci::into(dropped);
  });
  CHECK(dropped >= 2);
  const std::string second = bed.publish();
  CHECK(eventually([&] { return bed.handled(inventory(), second, "inventory.on_product") == 1; }, 10s));
  dispatcher.stop();
}

TEST_CASE("a started dispatcher drains a backlog larger than its per-pass bound without spacing its passes") {
  Bed bed;
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product"));
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i) ids.push_back(bed.publish());
  DispatcherOptions options;
  options.batch_size = 5;  // 60 passes' worth: at least 6 s if each waited 100 ms for the next
  options.poll_interval = 30s;
  OutboxDispatcher dispatcher(bed.db, bed.bus, options);
  const auto started = std::chrono::steady_clock::now();
  dispatcher.start();
  CHECK(eventually([&] { return bed.handled_total(inventory()) == 300; }, 10s));
  CHECK(std::chrono::steady_clock::now() - started < 4s);
  dispatcher.stop();
  for (const auto& id : ids) CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
}

TEST_CASE("stop delivers what is already due before returning") {
  Bed bed;
  bed.bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                    recorder(inventory(), "inventory.on_product"));
  DispatcherOptions options;
  options.poll_interval = 30s;
  OutboxDispatcher dispatcher(bed.db, bed.bus, options);
  dispatcher.start();
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(bed.publish());
  dispatcher.stop(10s);
  for (const auto& id : ids) CHECK(bed.handled(inventory(), id, "inventory.on_product") == 1);
}

TEST_CASE("a committed event is delivered even if the process is killed right after commit and restarted") {
  const std::string url = emporium::testing::migrated_database("events_crash");
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Only objects made here: nothing of the parent's is touched.
    close(ready[0]);
    try {
      Database db(url, 1);
      const std::string id =
          db.transact(catalog(), [](Tx& tx) { return tx.publish("catalog.product_created", 1, "{}"); });
      [[maybe_unused]] const ssize_t written = write(ready[1], id.data(), id.size());
    } catch (...) {
      _exit(2);
    }
    kill(getpid(), SIGKILL);
    _exit(3);
  }
  close(ready[1]);
  std::string published_id;
  char buffer[64];
  for (ssize_t n; (n = read(ready[0], buffer, sizeof buffer)) > 0;) published_id.append(buffer, n);
  close(ready[0]);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  REQUIRE(published_id.size() == 36);

  // The restarted process.
  Database db(url, 2);
  db.transact(inventory(), [&](Tx& tx) {
    tx.sql() << "CREATE TABLE inventory.handled (event_id uuid NOT NULL, subscriber text NOT NULL)";
  });
  EventBus bus;
  for (const auto& m : emporium::testing::all_modules()) bus.add_source(m);
  bus.subscribe(inventory(), "inventory.on_product", "catalog.product_created",
                recorder(inventory(), "inventory.on_product"));
  OutboxDispatcher dispatcher(db, bus, DispatcherOptions{});
  dispatcher.start();
  CHECK(eventually(
      [&] {
        return count(db, inventory(),
                     "SELECT count(*) FROM inventory.handled WHERE event_id = '" + published_id + "'") == 1;
      },
      10s));
  dispatcher.stop();
}
