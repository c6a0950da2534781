#include "emporium/kernel/outbox_dispatcher.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <vector>

#include "emporium/kernel/async_commits.hpp"
#include "emporium/kernel/log.hpp"
#include "emporium/kernel/statement_kind.hpp"
#include "event_handling.hpp"

namespace emporium::kernel {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::string_view kLogModule = "events";
constexpr auto kBacklogRefresh = std::chrono::seconds(1);
// Events delivered in one transaction. Each runs under a savepoint, and
// PostgreSQL keeps a transaction's first 64 subtransactions cheap to check.
constexpr int kDeliveryBatch = 32;
constexpr int kRelayBatchesPerPass = 20;
// Under load, back-to-back passes each find only what committed during the
// last one, and pay a pass's fixed statements (the probe, one unit per
// outbox and per subscriber) for a handful of events. Spacing them lets the
// batch handlers and the relay work on larger sets: side by side in the
// checkout benchmark, 169 to 172 checkouts/s against 135 to 141, and 2.2 ms
// less CPU per checkout (docs/performance.md). An event that arrives when
// the dispatcher is idle still goes at once. A pass that stopped at a
// bound (a subscriber's batch_size, the relay's batches) is followed at
// once: the spacing would otherwise cap each subscriber at ten bounds a
// second, and a busy one would fall further behind every second.
constexpr auto kBusyPassSpacing = milliseconds(100);
constexpr auto kReconnectMin = milliseconds(500);
constexpr auto kReconnectMax = milliseconds(30000);

// The dispatcher's eventfds: one write makes the fd readable, one read
// makes it quiet again (both non-blocking; a failure only costs a wake-up).
void signal_eventfd(int fd) {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(fd, &one, sizeof one);
}

void drain_eventfd(int fd) {
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t read = ::read(fd, &count, sizeof count);
}
// Bounds PQconnectdb for the LISTEN connection unless the connection
// string sets its own timeout.
constexpr const char* kConnectTimeoutSeconds = "10";

// RFC 3339 in UTC, whole seconds: the Event::occurred_at form.
constexpr std::string_view kOccurredAt =
    R"(to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";


// Every schema that has event tables the bus knows of, once each.
std::vector<const ModuleId*> known_modules(const EventBus& bus) {
  std::vector<const ModuleId*> modules;
  const auto add = [&](const ModuleId& module) {
    const bool seen = std::any_of(modules.begin(), modules.end(),
                                  [&](const ModuleId* m) { return m->schema == module.schema; });
    if (!seen) modules.push_back(&module);
  };
  for (const auto& source : bus.sources()) add(source);
  for (const auto& subscription : bus.subscriptions()) add(subscription.consumer);
  return modules;
}

std::string trimmed(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

PGconn* open_listener(const std::string& connection_string) {
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {kConnectTimeoutSeconds, connection_string.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) {
    log::warn(kLogModule, "cannot open the LISTEN connection", {{"error", std::string_view("out of memory")}});
    return nullptr;
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string error = trimmed(PQerrorMessage(conn));
    log::warn(kLogModule, "cannot open the LISTEN connection", {{"error", error}});
    PQfinish(conn);
    return nullptr;
  }
  // Notices (the server's goodbye when it drops us, among them) go to the
  // log as JSON rather than raw onto stderr.
  PQsetNoticeProcessor(
      conn,
      [](void*, const char* message) {
        log::debug(kLogModule, "notice on the LISTEN connection", {{"notice", trimmed(message)}});
      },
      nullptr);
  PGresult* result = PQexec(conn, "LISTEN emporium_outbox");
  const bool listening = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  if (!listening) {
    const std::string error = trimmed(PQerrorMessage(conn));
    log::warn(kLogModule, "LISTEN emporium_outbox failed", {{"error", error}});
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

// Runs `tasks` on up to `workers` threads, the caller's among them, and
// returns the sum of what they return. A task that throws is noted and
// counts nothing; the others go on.
int run_side_by_side(const std::vector<std::function<int()>>& tasks, int workers,
                     const std::function<void(const std::exception&)>& note) {
  if (tasks.empty()) return 0;
  std::atomic<std::size_t> next{0};
  std::atomic<int> total{0};
  const auto work = [&] {
    // A relay or a delivery lost in a crash is done again: the outbox row
    // it came from was committed, and made durable, by its producer, and
    // nothing leaves the process from a handler before a flush (a payment
    // provider is called only after one, an email is sent by the delivery
    // worker after its claim commits durably). So none of them waits for the
    // WAL flush (async_commits.hpp).
    const AsyncCommits async_commits;
    for (std::size_t i = next++; i < tasks.size(); i = next++) {
      try {
        total += tasks[i]();
      } catch (const std::exception& e) {
        note(e);
      }
    }
  };
  std::vector<std::thread> helpers;
  const std::size_t threads = std::min<std::size_t>(tasks.size(), static_cast<std::size_t>(std::max(workers, 1)));
  for (std::size_t i = 1; i < threads; ++i) helpers.emplace_back(work);
  work();
  for (auto& helper : helpers) helper.join();
  return total.load();
}

}  // namespace

OutboxDispatcher::OutboxDispatcher(Database& db, const EventBus& bus, DispatcherOptions options)
    : db_(db), bus_(bus), options_(options) {
  options_.batch_size = std::max(options_.batch_size, 1);
  options_.max_attempts = std::max(options_.max_attempts, 1);
  options_.poll_interval = std::max(options_.poll_interval, milliseconds(1));
  options_.workers = std::max(options_.workers, 1);
  relay_ = make_in_process_relay(bus_, options_);
  // One boolean per outbox, then one per subscriber, as a string of 0s and
  // 1s. Each EXISTS is an index probe (outbox_pending_idx, inbox_pending_idx)
  // as long as it is planned for the tables as they are: planned once on an
  // empty database it became a sequential scan of every outbox, relayed rows
  // and all, on each pass (docs/performance.md, tenth pass).
  std::string flags;
  const auto add = [&](const std::string& probe) {
    flags += flags.empty() ? "" : ", ";
    flags += "CAST(EXISTS (" + probe + ") AS integer)";
  };
  for (const auto& source : bus_.sources()) {
    add("SELECT 1 FROM " + quote_identifier(source.schema) + ".outbox WHERE relayed_at IS NULL");
  }
  for (const auto& subscription : bus_.subscriptions()) {
    add("SELECT 1 FROM " + quote_identifier(subscription.consumer.schema) + ".inbox WHERE subscriber = " +
        quote_literal(subscription.subscriber) + " AND status = 'pending' AND next_attempt_at <= now()");
  }
  if (!flags.empty()) due_query_ = std::string(kPlannedEachCall) + "SELECT concat(" + flags + ")";
}

OutboxDispatcher::~OutboxDispatcher() {
  stop(milliseconds(0));
  for (const int fd : {wake_fd_, event_fd_}) {
    if (fd >= 0) ::close(fd);
  }
}

void OutboxDispatcher::start() {
  if (thread_.joinable()) return;
  for (int* fd : {&wake_fd_, &event_fd_}) {
    if (*fd >= 0) continue;
    *fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (*fd < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  }
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
  db_.set_event_waker(this);
}

void OutboxDispatcher::events_committed() {
  if (!event_signalled_.exchange(true)) signal_eventfd(event_fd_);
}

void OutboxDispatcher::take_event_signal() {
  if (event_signalled_.exchange(false)) drain_eventfd(event_fd_);
}

void OutboxDispatcher::stop(milliseconds flush_timeout) {
  if (!thread_.joinable()) return;
  // Units of work publishing from now on notify instead; the flush below
  // and the next start's first pass take what they commit meanwhile.
  db_.set_event_waker(nullptr);
  stopping_ = true;
  signal_eventfd(wake_fd_);
  thread_.join();
  const auto deadline = Clock::now() + flush_timeout;
  while (Clock::now() < deadline) {
    try {
      if (run_once() == 0) break;
    } catch (const std::exception& e) {
      log::error(kLogModule, "flushing the outbox failed", {{"error", std::string_view(e.what())}});
      break;
    }
  }
}

int OutboxDispatcher::run_once() {
  int done = 0;
  int failures = 0;
  std::string first_error;
  std::mutex failures_mutex;
  const std::function<void(const std::exception&)> note = [&](const std::exception& e) {
    const std::lock_guard<std::mutex> lock(failures_mutex);
    if (failures++ == 0) first_error = e.what();
  };
  DueWork due;
  try {
    due = find_due();
  } catch (const std::exception& e) {
    // Without the answer every outbox and subscriber is tried; a database
    // that is down fails each of them alike and is logged once below.
    note(e);
    due.sources.assign(bus_.sources().size(), true);
    due.subscriptions.assign(bus_.subscriptions().size(), true);
  }
  std::atomic<bool> stopped_at_bound{false};
  std::vector<std::string> relayed;
  std::mutex relayed_mutex;
  std::vector<std::function<int()>> relays;
  for (std::size_t i = 0; i < bus_.sources().size(); ++i) {
    if (!due.sources[i]) continue;
    relays.push_back([&, i] {
      std::vector<std::string> names;
      // Relaying is cheap: drain the outbox (within bounds) rather than let
      // it wait for the deliveries of this pass.
      int count = 0;
      int batch = 0;
      for (; batch < kRelayBatchesPerPass; ++batch) {
        const int relayed_now = relay_source(bus_.sources()[i], names);
        count += relayed_now;
        if (relayed_now < options_.batch_size) break;
      }
      if (batch == kRelayBatchesPerPass) stopped_at_bound = true;
      const std::lock_guard<std::mutex> lock(relayed_mutex);
      for (auto& name : names) {
        if (std::find(relayed.begin(), relayed.end(), name) == relayed.end()) relayed.push_back(std::move(name));
      }
      return count;
    });
  }
  done += run_side_by_side(relays, options_.workers, note);

  std::vector<std::function<int()>> deliveries;
  const auto& subscriptions = bus_.subscriptions();
  for (std::size_t i = 0; i < subscriptions.size(); ++i) {
    // What this pass's relay left in an inbox is due at once.
    const bool fed = std::find(relayed.begin(), relayed.end(), subscriptions[i].event_name) != relayed.end();
    if (!due.subscriptions[i] && !fed) continue;
    deliveries.push_back([&, i] {
      const int attempted = deliver_due(subscriptions[i]);
      if (attempted >= options_.batch_size) stopped_at_bound = true;
      return attempted;
    });
  }
  done += run_side_by_side(deliveries, options_.workers, note);
  last_pass_bounded_ = stopped_at_bound.load();
  // One line per pass: a database that is down fails every step alike.
  if (failures > 0) {
    log::error(kLogModule, "event dispatch pass failed",
               {{"failures", static_cast<std::int64_t>(failures)}, {"error", first_error}});
  }
  return done;
}

OutboxDispatcher::DueWork OutboxDispatcher::find_due() {
  DueWork due;
  due.sources.assign(bus_.sources().size(), false);
  due.subscriptions.assign(bus_.subscriptions().size(), false);
  if (due_query_.empty()) return due;
  std::string flags;
  // As the login role, which is a member of every module role.
  db_.with_session([&](soci::session& sql) { sql << due_query_, soci::into(flags); });
  for (std::size_t i = 0; i < due.sources.size() && i < flags.size(); ++i) due.sources[i] = flags[i] == '1';
  const std::size_t offset = due.sources.size();
  for (std::size_t i = 0; i < due.subscriptions.size() && offset + i < flags.size(); ++i) {
    due.subscriptions[i] = flags[offset + i] == '1';
  }
  return due;
}

int OutboxDispatcher::relay_source(const ModuleId& source, std::vector<std::string>& relayed) {
  const std::string outbox = quote_identifier(source.schema) + ".outbox";
  return db_.transact(source, [&](Tx& tx) {
    soci::session& sql = tx.sql();
    std::vector<Event> events;
    {
      int limit = options_.batch_size;
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT id::text, name, version, payload::text, " + std::string(kOccurredAt) + " FROM " +
                              outbox +
                              " WHERE relayed_at IS NULL ORDER BY occurred_at LIMIT :limit FOR UPDATE SKIP LOCKED",
           soci::use(limit, "limit"));
      for (const soci::row& row : rows) {
        Event event;
        event.id = row.get<std::string>(0);
        event.name = row.get<std::string>(1);
        event.version = row.get<int>(2);
        event.payload = row.get<std::string>(3);
        event.occurred_at = row.get<std::string>(4);
        event.source = source.name;
        events.push_back(std::move(event));
      }
    }
    if (events.empty()) return 0;
    for (std::string& name : relay_->relay(tx, events)) {
      if (std::find(relayed.begin(), relayed.end(), name) == relayed.end()) relayed.push_back(std::move(name));
    }
    // The relay switched to each consumer's role; the outbox is the source's.
    defer_local_role(tx, source);
    std::string ids = "{";
    for (const Event& event : events) {
      if (ids.size() > 1) ids += ',';
      ids += event.id;
    }
    ids += '}';
    sql << "UPDATE " + outbox + " SET relayed_at = now() WHERE id = ANY(CAST(:ids AS uuid[]))", soci::use(ids, "ids");
    return static_cast<int>(events.size());
  });
}

int OutboxDispatcher::deliver_due(const Subscription& subscription) {
  // Bounded, so one busy subscriber cannot starve the others in a pass.
  int attempted = 0;
  while (attempted < options_.batch_size) {
    const int limit = std::min(kDeliveryBatch, options_.batch_size - attempted);
    const int delivered = deliver_batch(subscription, limit);
    attempted += delivered;
    if (delivered < limit) break;
  }
  return attempted;
}

namespace {

// Marks the delivered events done; `ids` is "{id,id" (closed here) or empty.
void claimed_done(soci::session& sql, const std::string& inbox, const Subscription& subscription, std::string ids) {
  if (ids.empty()) return;
  ids += '}';
  // Planned each call: on an inbox that was empty when a plan was first
  // cached, it would stay a sequential scan.
  sql << std::string(kPlannedEachCall) + "UPDATE " + inbox +
             " SET status = 'done', processed_at = now()"
             " WHERE subscriber = :subscriber AND event_id = ANY(CAST(:ids AS uuid[]))",
      soci::use(subscription.subscriber, "subscriber"), soci::use(ids, "ids");
}

}  // namespace

int OutboxDispatcher::deliver_batch(const Subscription& subscription, int limit) {
  const ModuleId& consumer = subscription.consumer;
  const std::string inbox = quote_identifier(consumer.schema) + ".inbox";
  return db_.transact(consumer, [&](Tx& tx) {
    soci::session& sql = tx.sql();
    struct Claimed {
      Event event;
      int attempts = 0;
    };
    std::vector<Claimed> claimed;
    {
      // In the order of inbox_pending_idx (subscriber, next_attempt_at): a
      // backlog of thousands is not sorted on every claim. A new row's
      // next_attempt_at is its relay's time, so never-failed events still
      // come in relay order; a retried one takes its turn when it is due.
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT event_id::text, event_name, event_version, payload::text, " + std::string(kOccurredAt) +
                              ", source, attempts FROM " + inbox +
                              " WHERE subscriber = :subscriber AND status = 'pending' AND next_attempt_at <= now()"
                              " ORDER BY next_attempt_at, received_at LIMIT :limit FOR UPDATE SKIP LOCKED",
           soci::use(subscription.subscriber, "subscriber"), soci::use(limit, "limit"));
      for (const soci::row& row : rows) {
        Claimed one;
        one.event.id = row.get<std::string>(0);
        one.event.name = row.get<std::string>(1);
        one.event.version = row.get<int>(2);
        one.event.payload = row.get<std::string>(3);
        one.event.occurred_at = row.get<std::string>(4);
        one.event.source = row.get<std::string>(5);
        one.attempts = row.get<int>(6);
        claimed.push_back(std::move(one));
      }
    }

    std::string done_ids;
    if (claimed.size() > 1) {
      // The whole batch under one savepoint: a batch subscriber gets it in
      // one call, an event-at-a-time one gets its events in turn, and the
      // savepoint round trips of the events are saved. Should any event fail
      // (or an event-at-a-time handler ask to roll back), the batch is
      // undone and delivered one by one below, so only the bad event is
      // retried; the others are handled again, as at-least-once delivery
      // allows.
      std::vector<Event> events;
      for (const Claimed& one : claimed) events.push_back(one.event);
      sql << "SAVEPOINT emporium_batch";
      std::string error;
      if (detail::handle_under_savepoint(tx, subscription, events, "emporium_batch", error) !=
          detail::HandlingOutcome::failed) {
        // A batch handler that rolled back has decided on its events too.
        for (const Event& event : events) {
          done_ids += done_ids.empty() ? "{" : ",";
          done_ids += event.id;
        }
        claimed_done(sql, inbox, subscription, done_ids);
        return static_cast<int>(claimed.size());
      }
      log::debug(kLogModule, "batch delivery failed; delivering one by one",
                 {{"subscriber", subscription.subscriber}, {"error", error}});
    }
    bool savepoint_open = false;
    for (const Claimed& one : claimed) {
      const Event& event = one.event;
      // The handler's writes live above this savepoint, so a failure undoes
      // them while the claim and the attempt count still commit. The last
      // event's savepoint is released in the same round trip: an open one
      // per event would overflow PostgreSQL's subtransaction cache.
      sql << (savepoint_open ? "RELEASE SAVEPOINT emporium_delivery; SAVEPOINT emporium_delivery"
                             : "SAVEPOINT emporium_delivery");
      savepoint_open = true;
      Tx handler_tx(tx);
      bool failed = false;
      std::string failure;
      try {
        subscription.handler(event, handler_tx);
      } catch (const std::exception& e) {
        failed = true;
        failure = e.what();
      } catch (...) {
        failed = true;
        failure = "unknown exception";
      }

      if (!failed) {
        // A handler that asks to roll back keeps none of its writes, but it
        // has decided on the event: that is an outcome, not a failure to retry.
        if (handler_tx.is_rollback_only()) sql << "ROLLBACK TO SAVEPOINT emporium_delivery";
        done_ids += done_ids.empty() ? "{" : ",";
        done_ids += event.id;
        continue;
      }

      sql << "ROLLBACK TO SAVEPOINT emporium_delivery";
      detail::record_failed_attempt(sql, subscription, event, one.attempts + 1, failure, options_);
    }
    if (savepoint_open) sql << "RELEASE SAVEPOINT emporium_delivery";
    claimed_done(sql, inbox, subscription, done_ids);
    return static_cast<int>(claimed.size());
  });
}

long long OutboxDispatcher::retry_parked(const std::string& event_id) {
  long long changed = 0;
  for (const ModuleId* module : known_modules(bus_)) {
    const std::string inbox = quote_identifier(module->schema) + ".inbox";
    changed += db_.transact(*module, [&](Tx& tx) {
      soci::session& sql = tx.sql();
      const std::string update = "UPDATE " + inbox +
                                 " SET status = 'pending', attempts = 0, next_attempt_at = now()"
                                 " WHERE status = 'parked'";
      long long rows = 0;
      if (event_id.empty()) {
        soci::statement statement = (sql.prepare << update);
        statement.execute(true);
        rows = statement.get_affected_rows();
      } else {
        // Compared as text so a malformed id matches nothing instead of
        // failing the cast.
        soci::statement statement =
            (sql.prepare << update + " AND event_id::text = lower(:id)", soci::use(event_id, "id"));
        statement.execute(true);
        rows = statement.get_affected_rows();
      }
      // Wakes every dispatcher, in this process or another one.
      if (rows > 0) sql << "NOTIFY emporium_outbox";
      return rows;
    });
  }
  return changed;
}

std::vector<ParkedDelivery> OutboxDispatcher::parked(std::size_t limit) {
  std::vector<ParkedDelivery> all;
  for (const ModuleId* module : known_modules(bus_)) {
    const std::string inbox = quote_identifier(module->schema) + ".inbox";
    db_.transact(*module, [&](Tx& tx) {
      soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT event_id::text, event_name, subscriber, source, "
                                                          "attempts, coalesce(last_error, ''), " +
                                                              std::string(kOccurredAt) + " FROM " + inbox +
                                                              " WHERE status = 'parked' ORDER BY occurred_at LIMIT :limit",
                                      soci::use(static_cast<long long>(limit), "limit"));
      for (const auto& row : rows) {
        all.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                       row.get<std::string>(3), row.get<int>(4), row.get<std::string>(5), row.get<std::string>(6)});
      }
    });
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.occurred_at < b.occurred_at; });
  if (all.size() > limit) all.resize(limit);
  return all;
}

EventBacklog OutboxDispatcher::backlog() {
  EventBacklog total;
  for (const ModuleId* module : known_modules(bus_)) {
    const std::string schema = quote_identifier(module->schema);
    db_.transact(*module, [&](Tx& tx) {
      long long unrelayed = 0, pending = 0, parked = 0;
      tx.sql() << "SELECT (SELECT count(*) FROM " + schema + ".outbox WHERE relayed_at IS NULL), " +
                      "(SELECT count(*) FROM " + schema + ".inbox WHERE status = 'pending'), " +
                      "(SELECT count(*) FROM " + schema + ".inbox WHERE status = 'parked')",
          soci::into(unrelayed), soci::into(pending), soci::into(parked);
      total.unrelayed += unrelayed;
      total.pending += pending;
      total.parked += parked;
    });
  }
  unrelayed_ = total.unrelayed;
  pending_ = total.pending;
  parked_ = total.parked;
  return total;
}

EventBacklog OutboxDispatcher::last_backlog() const {
  EventBacklog backlog;
  backlog.unrelayed = unrelayed_.load();
  backlog.pending = pending_.load();
  backlog.parked = parked_.load();
  return backlog;
}

void OutboxDispatcher::refresh_backlog_if_due() {
  if (Clock::now() < next_backlog_refresh_) return;
  next_backlog_refresh_ = Clock::now() + kBacklogRefresh;
  try {
    backlog();
    backlog_failing_ = false;
  } catch (const std::exception& e) {
    if (!backlog_failing_) log::warn(kLogModule, "cannot read the event backlog", {{"error", std::string_view(e.what())}});
    backlog_failing_ = true;
  }
}

void OutboxDispatcher::loop() {
  PGconn* listener = nullptr;
  auto reconnect_delay = kReconnectMin;
  auto next_connect = Clock::now();

  while (!stopping_) {
    try {
      if (listener == nullptr && Clock::now() >= next_connect) {
        listener = open_listener(db_.connection_string());
        if (listener != nullptr) {
          reconnect_delay = kReconnectMin;
        } else {
          // Meanwhile the poll interval still drives delivery.
          next_connect = Clock::now() + reconnect_delay;
          reconnect_delay = std::min(reconnect_delay * 2, kReconnectMax);
        }
      }

      // Under steady load this loop never runs dry, so the backlog metric
      // is refreshed inside it. A pass that found work is followed by the
      // next one no sooner than kBusyPassSpacing after it began, unless it
      // left work at a bound.
      for (;;) {
        refresh_backlog_if_due();
        if (stopping_) break;
        const auto pass_started = Clock::now();
        take_event_signal();
        if (run_once() == 0) break;
        const auto rest = std::chrono::ceil<milliseconds>(pass_started + kBusyPassSpacing - Clock::now());
        if (rest.count() > 0 && !last_pass_bounded_) {
          pollfd wake = {wake_fd_, POLLIN, 0};  // stop() ends the rest at once
          ::poll(&wake, 1, static_cast<int>(rest.count()));
        }
      }
      if (stopping_) break;

      auto wait = options_.poll_interval;
      if (listener == nullptr) {
        const auto until_connect = std::chrono::duration_cast<milliseconds>(next_connect - Clock::now());
        wait = std::clamp(until_connect, milliseconds(0), wait);
      }
      pollfd fds[3] = {{wake_fd_, POLLIN, 0},
                       {event_fd_, POLLIN, 0},
                       {listener != nullptr ? PQsocket(listener) : -1, POLLIN, 0}};
      const int ready = ::poll(fds, 3, static_cast<int>(std::min<long long>(wait.count(), 1 << 30)));
      if (ready < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "poll");
      if (ready <= 0) continue;

      for (const pollfd& woken : {fds[0], fds[1]}) {
        if ((woken.revents & POLLIN) != 0) drain_eventfd(woken.fd);
      }
      if (listener != nullptr && (fds[2].revents & (POLLIN | POLLERR | POLLHUP))) {
        if (PQconsumeInput(listener) == 0) {
          log::warn(kLogModule, "the LISTEN connection broke; polling until it is back",
                    {{"error", trimmed(PQerrorMessage(listener))}});
          PQfinish(listener);
          listener = nullptr;
          next_connect = Clock::now() + reconnect_delay;
        } else {
          // The notification only wakes us; the outbox tables say what to do.
          while (PGnotify* notification = PQnotifies(listener)) PQfreemem(notification);
        }
      }
    } catch (const std::exception& e) {
      log::error(kLogModule, "event dispatcher loop failed", {{"error", std::string_view(e.what())}});
      pollfd wake = {wake_fd_, POLLIN, 0};
      ::poll(&wake, 1, static_cast<int>(std::min<long long>(options_.poll_interval.count(), 1 << 30)));
    }
  }
  if (listener != nullptr) PQfinish(listener);
}

}  // namespace emporium::kernel
