#pragma once
// The SOCI connection pool and units of work. Every unit of work is one
// transaction that runs under the owning module's database role
// (`SET LOCAL ROLE emporium_<module>`), so a query into another module's
// schema fails with a permission error. Call only from worker threads, never
// from an IO thread.
#include <soci/connection-pool.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "emporium/kernel/async_commits.hpp"
#include "emporium/kernel/module_id.hpp"
#include "emporium/kernel/sql_text.hpp"

namespace emporium::kernel {

class Tx;

// Told when a unit of work that published events has committed: the
// process's own event dispatcher (outbox_dispatcher.hpp).
class EventWaker {
 public:
  virtual void events_committed() = 0;

 protected:
  ~EventWaker() = default;
};

class Database {
 public:
  Database(std::string connection_string, std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs fn(Tx&) in one transaction as `module`'s role. Commits when fn
  // returns, unless it called tx.rollback_only(); rolls back when it throws.
  template <class F>
  auto transact(const ModuleId& module, F&& fn) -> std::invoke_result_t<F, Tx&>;

  // A session as the login role, outside any module (kernel bookkeeping).
  template <class F>
  auto with_session(F&& fn) -> std::invoke_result_t<F, soci::session&>;

  const std::string& connection_string() const { return connection_string_; }
  std::size_t pool_size() const { return pool_size_; }
  std::size_t in_use() const { return in_use_.load(); }
  // Sessions that waited for a free connection since start.
  std::size_t waits() const { return waits_.load(); }

  // With a waker, a unit of work that publishes events wakes it after its
  // commit instead of sending NOTIFY emporium_outbox in its transaction;
  // with none (nullptr, the default) it notifies, so that a dispatcher in
  // another process wakes. After this returns with nullptr, the old waker
  // is never called again.
  void set_event_waker(EventWaker* waker);

 private:
  friend class Tx;
  // Whether units publishing now can leave the waking to events_committed().
  bool has_event_waker() const { return has_waker_.load(std::memory_order_relaxed); }
  void events_committed();

  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    soci::session& session() { return *session_; }
    // Starts the unit of work: its BEGIN and SET LOCAL ROLE go out with its
    // first statement (statement_cache.hpp). A connection broken since its
    // last use (a database restart) is replaced and the BEGIN retried,
    // rather than failing the unit of work that happened to draw it.
    void begin_as(const ModuleId& module);
    // After a COMMIT: notes whether this thread now owes a WAL flush
    // (AsyncCommits below).
    void note_commit();
    // For a session used outside a transaction: asks the server first.
    void ensure_connected();

   private:
    Database& db_;
    std::size_t position_;
    soci::session* session_;
  };

  std::string connection_string_;
  std::size_t pool_size_;
  soci::connection_pool pool_;
  std::atomic<std::size_t> in_use_{0};
  std::atomic<std::size_t> waits_{0};
  std::mutex waker_mutex_;
  EventWaker* waker_ = nullptr;
  std::atomic<bool> has_waker_{false};
};

// One unit of work of one module.
class Tx {
 public:
  Tx(Database& db, soci::session& sql, const ModuleId& module) : db_(db), sql_(sql), module_(module) {}
  // A handle on the same transaction for code run under a savepoint of it
  // (the dispatcher's handlers): its events count as the enclosing unit's.
  // With `module`, for a consumer's handler run in the relaying unit, whose
  // caller has switched to that module's role.
  explicit Tx(Tx& enclosing) : Tx(enclosing, enclosing.module_) {}
  Tx(Tx& enclosing, const ModuleId& module)
      : db_(enclosing.db_), sql_(enclosing.sql_), module_(module), unit_(enclosing.unit_) {}
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  soci::session& sql() { return sql_; }
  const ModuleId& module() const { return module_; }

  // Writes a domain event to this module's outbox in this transaction; it is
  // dispatched only if the transaction commits. Returns the event id.
  std::string publish(const std::string& name, int version, const std::string& payload_json);

  // Queues a write whose answer nobody reads (a history row, an order
  // line): `query` with $1, $2... placeholders and text values, a null one
  // binding NULL. It goes out in the pipeline of this unit's next statement
  // or of its COMMIT, saving the round trip of its own; a refusal fails that
  // statement or the commit, and so the whole unit. Never for a write whose
  // failure the caller handles.
  void defer(std::string query, std::vector<std::optional<std::string>> values);

  // Inside AsyncCommits: this unit's COMMIT waits for the WAL flush after
  // all, and so makes every earlier commit durable with it. Costs no round
  // trip (the request rides with the next statement or the COMMIT).
  void commit_durably();

  // Declares the unit's next statement its last: its COMMIT goes out in
  // that statement's pipeline rather than in a round trip of its own, and a
  // refused COMMIT is raised by that statement. Nothing may run in the unit
  // after it (a statement or a deferred write throws std::logic_error, and
  // so does rollback_only()'s rollback), and an exception thrown after it
  // no longer undoes the unit: only for a unit whose remaining code just
  // reads that statement's answer. Ignored in a handler's Tx, whose
  // enclosing unit goes on.
  void commit_with_next_statement();

  void rollback_only() { rollback_only_ = true; }
  bool is_rollback_only() const { return rollback_only_; }

  // After the commit: wakes this process's dispatcher if an event of this
  // unit was left to it rather than to NOTIFY.
  void committed() {
    if (unit_->wake_after_commit_) db_.events_committed();
  }

 private:
  Database& db_;
  soci::session& sql_;
  const ModuleId& module_;
  bool rollback_only_ = false;
  // The Tx that transact() made for this transaction.
  Tx* unit_ = this;
  // Set by the first publish: later ones neither notify nor decide again
  // (PostgreSQL would fold repeated notifications of a transaction anyway).
  bool published_ = false;
  bool wake_after_commit_ = false;
  // This Tx's last outbox write, while it may still take more rows: its
  // number on the connection, its values, and whether it notifies.
  static constexpr std::size_t kOutboxRowsPerInsert = 8;
  std::uint64_t outbox_write_ = 0;
  std::vector<std::optional<std::string>> outbox_values_;
  bool outbox_notifies_ = false;
};

// Switches the unit of work to `module`'s role from its next statement on
// (the switch goes out in that statement's pipeline): for kernel code that
// works in several modules' tables in one transaction, the relay.
void defer_local_role(Tx& tx, const ModuleId& module);

template <class F>
auto Database::transact(const ModuleId& module, F&& fn) -> std::invoke_result_t<F, Tx&> {
  Lease lease(*this);
  lease.begin_as(module);
  soci::session& sql = lease.session();
  // Not soci::transaction: its BEGIN would be a round trip of its own.
  struct Open {
    soci::session& sql;
    bool done = false;
    void end(bool commit) {
      done = true;
      if (commit) sql.commit(); else sql.rollback();
    }
    ~Open() {
      if (!done) {
        try {
          sql.rollback();
        } catch (...) {
          // The connection is gone; so is the transaction.
        }
      }
    }
  } open{sql};
  Tx tx(*this, sql, module);
  if constexpr (std::is_void_v<std::invoke_result_t<F, Tx&>>) {
    std::forward<F>(fn)(tx);
    const bool commit = !tx.is_rollback_only();
    open.end(commit);
    lease.note_commit();
    if (commit) tx.committed();
  } else {
    auto result = std::forward<F>(fn)(tx);
    const bool commit = !tx.is_rollback_only();
    open.end(commit);
    lease.note_commit();
    if (commit) tx.committed();
    return result;
  }
}

template <class F>
auto Database::with_session(F&& fn) -> std::invoke_result_t<F, soci::session&> {
  Lease lease(*this);
  lease.ensure_connected();
  return std::forward<F>(fn)(lease.session());
}

}  // namespace emporium::kernel
