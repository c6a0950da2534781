#include "emporium/kernel/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <openssl/rand.h>

#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "statement_cache.hpp"

namespace emporium::kernel {
namespace {

// AsyncCommits scopes alive on this thread, and the database this thread
// committed to without waiting for the flush since its last durable commit.
thread_local int t_async_scopes = 0;
thread_local Database* t_unflushed = nullptr;

// The pools not yet destroyed: a thread may still name one that is gone
// (its commits then reach the disk through the WAL writer).
std::shared_mutex g_live_mutex;
std::unordered_set<const Database*> g_live;

void register_live(const Database* db) {
  const std::unique_lock<std::shared_mutex> lock(g_live_mutex);
  g_live.insert(db);
}

void unregister_live(const Database* db) {
  const std::unique_lock<std::shared_mutex> lock(g_live_mutex);
  g_live.erase(db);
}

}  // namespace

Database::Database(std::string connection_string, std::size_t pool_size)
    : connection_string_(std::move(connection_string)), pool_size_(pool_size), pool_(pool_size) {
  static const detail::CachingBackendFactory factory;
  for (std::size_t i = 0; i < pool_size_; ++i) {
    pool_.at(i).open(factory, connection_string_);
  }
  register_live(this);
}

Database::~Database() { unregister_live(this); }

void Database::set_event_waker(EventWaker* waker) {
  const std::lock_guard<std::mutex> lock(waker_mutex_);
  waker_ = waker;
  has_waker_.store(waker != nullptr, std::memory_order_relaxed);
}

void Database::events_committed() {
  // Held while waking, so that set_event_waker(nullptr) cannot return while
  // a unit of work is still inside the old waker.
  const std::lock_guard<std::mutex> lock(waker_mutex_);
  if (waker_ != nullptr) waker_->events_committed();
}

Database::Lease::Lease(Database& db) : db_(db), position_(0), session_(nullptr) {
  if (!db_.pool_.try_lease(position_, 0)) {
    db_.waits_.fetch_add(1);
    position_ = db_.pool_.lease();
  }
  db_.in_use_.fetch_add(1);
  session_ = &db_.pool_.at(position_);
}

namespace {

// Every session of the pool caches its statements (the factory in the
// constructor), and the units of work rely on it.
detail::CachingSessionBackend& caching_backend(soci::session& sql) {
  auto* cache = dynamic_cast<detail::CachingSessionBackend*>(sql.get_backend());
  if (cache == nullptr) throw std::logic_error("a unit of work on a session without the statement cache");
  return *cache;
}

bool connection_ok(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend != nullptr && backend->conn_ != nullptr && PQstatus(backend->conn_) == CONNECTION_OK;
}

}  // namespace

void Database::Lease::begin_as(const ModuleId& module) {
  // A connection already known to be broken is replaced now; one the
  // server dropped unnoticed is replaced when its BEGIN goes out.
  if (!connection_ok(*session_)) session_->reconnect();
  const std::string set_role = "SET LOCAL ROLE " + quote_identifier(module.role());
  caching_backend(*session_).begin_held(set_role, t_async_scopes > 0);
}

void Database::Lease::note_commit() {
  using Flushed = detail::CachingSessionBackend::Flushed;
  switch (caching_backend(*session_).last_commit()) {
    case Flushed::not_waited_for: t_unflushed = &db_; break;
    case Flushed::everything: t_unflushed = nullptr; break;
    case Flushed::nothing_written:
    case Flushed::unknown: break;
  }
}

AsyncCommits::AsyncCommits() { ++t_async_scopes; }

AsyncCommits::~AsyncCommits() { --t_async_scopes; }

void flush_async_commits() {
  if (t_unflushed == nullptr) return;
  const std::shared_lock<std::shared_mutex> live(g_live_mutex);
  if (g_live.count(t_unflushed) != 0) {
    t_unflushed->with_session([](soci::session& sql) {
      std::string lsn;
      sql << std::string("SELECT CAST(") + detail::kWalWritingCall + " AS text)", soci::into(lsn);
    });
  }
  t_unflushed = nullptr;
}

void Database::Lease::ensure_connected() {
  if (!session_->is_connected()) session_->reconnect();
}

Database::Lease::~Lease() {
  db_.in_use_.fetch_sub(1);
  db_.pool_.give_back(position_);
}

void defer_local_role(Tx& tx, const ModuleId& module) {
  tx.defer("SET LOCAL ROLE " + quote_identifier(module.role()), {});
}

namespace {

// A version 4 UUID: the event's id is known before its row is written, so
// the write can wait for the unit's next round trip.
std::string new_event_id() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for an event id");
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id.push_back('-');
    id.push_back(kHex[bytes[i] >> 4]);
    id.push_back(kHex[bytes[i] & 0x0f]);
  }
  return id;
}

// The outbox INSERT of `rows` events, four parameters each, in order.
std::string outbox_insert(const std::string& schema, std::size_t rows, bool notify) {
  std::string query = "INSERT INTO " + quote_identifier(schema) + ".outbox (id, name, version, payload, occurred_at) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) {
    const std::size_t first = 4 * row + 1;
    if (row > 0) query += ", ";
    query += "(CAST($" + std::to_string(first) + " AS uuid), $" + std::to_string(first + 1) + ", CAST($" +
             std::to_string(first + 2) + " AS integer), CAST($" + std::to_string(first + 3) + " AS jsonb), now())";
  }
  if (notify) query += " RETURNING pg_notify('emporium_outbox', '')";
  return query;
}

}  // namespace

std::string Tx::publish(const std::string& name, int version, const std::string& payload_json) {
  // Either way the dispatcher wakes only once the transaction has
  // committed, never for an event that was rolled back. In a process with
  // a dispatcher the wake-up is a write to its eventfd after the commit: a
  // NOTIFY would serialise every publishing commit on PostgreSQL's notify
  // lock and signal every listening backend, for a dispatcher that is in
  // this very process (docs/performance.md, tenth pass). Should a rollback to
  // a savepoint drop the first event's notification, the poll finds the rest.
  auto& backend = caching_backend(sql_);
  // Events published one after another, with nothing sent or queued between
  // them, share one multi-row INSERT (up to kOutboxRowsPerInsert rows): the
  // write queued for the last one is taken back and queued again with the
  // new row added.
  const bool extends = outbox_values_.size() < 4 * kOutboxRowsPerInsert && backend.take_back_last_deferred(outbox_write_);
  if (!extends) {
    outbox_values_.clear();
    outbox_notifies_ = false;
    if (!unit_->published_) {
      unit_->published_ = true;
      unit_->wake_after_commit_ = db_.has_event_waker();
      outbox_notifies_ = !unit_->wake_after_commit_;
    }
  }
  std::string id = new_event_id();
  outbox_values_.insert(outbox_values_.end(), {id, name, std::to_string(version), payload_json});
  outbox_write_ = backend.defer(outbox_insert(module_.schema, outbox_values_.size() / 4, outbox_notifies_), outbox_values_);
  return id;
}

void Tx::commit_durably() {
  caching_backend(sql_).commit_durably();
}

void Tx::commit_with_next_statement() {
  if (unit_ != this) return;
  caching_backend(sql_).commit_with_next();
}

void Tx::defer(std::string query, std::vector<std::optional<std::string>> values) {
  caching_backend(sql_).defer(std::move(query), std::move(values));
}

}  // namespace emporium::kernel
