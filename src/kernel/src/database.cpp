#include "emporium/kernel/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <string>

#include "statement_cache.hpp"

namespace emporium::kernel {

Database::Database(std::string connection_string, std::size_t pool_size)
    : connection_string_(std::move(connection_string)), pool_size_(pool_size), pool_(pool_size) {
  static const detail::CachingBackendFactory factory;
  for (std::size_t i = 0; i < pool_size_; ++i) {
    pool_.at(i).open(factory, connection_string_);
  }
}

Database::~Database() = default;

Database::Lease::Lease(Database& db) : db_(db), position_(0), session_(nullptr) {
  if (!db_.pool_.try_lease(position_, 0)) {
    db_.waits_.fetch_add(1);
    position_ = db_.pool_.lease();
  }
  db_.in_use_.fetch_add(1);
  session_ = &db_.pool_.at(position_);
}

namespace {

bool connection_ok(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend != nullptr && backend->conn_ != nullptr && PQstatus(backend->conn_) == CONNECTION_OK;
}

}  // namespace

void Database::Lease::begin_as(const ModuleId& module) {
  std::string begin = "BEGIN; SET LOCAL ROLE " + quote_identifier(module.role());
  // No statement of this session is alive between units of work, so this
  // is where a full statement cache starts over.
  if (auto* cache = dynamic_cast<detail::CachingSessionBackend*>(session_->get_backend()); cache && cache->over_limit()) {
    cache->forget_all();
    begin = "DEALLOCATE ALL; " + begin;
  }
  // libpq notices a dead server only when it talks to it, so the first
  // statement on a broken connection fails; that one is safe to repeat.
  if (connection_ok(*session_)) {
    try {
      *session_ << begin;
      return;
    } catch (const soci::soci_error&) {
      if (connection_ok(*session_)) {
        // A refused SET LOCAL ROLE leaves the BEGIN open.
        session_->rollback();
        throw;
      }
    }
  }
  session_->reconnect();
  *session_ << begin;
}

void Database::Lease::ensure_connected() {
  if (!session_->is_connected()) session_->reconnect();
}

Database::Lease::~Lease() {
  db_.in_use_.fetch_sub(1);
  db_.pool_.give_back(position_);
}

void set_local_role(soci::session& sql, const ModuleId& module) {
  sql << "SET LOCAL ROLE " + quote_identifier(module.role());
}

std::string Tx::publish(const std::string& name, int version, const std::string& payload_json) {
  std::string id;
  // `CAST(... AS jsonb)` rather than `::jsonb`: SOCI would read the `:` of a
  // cast that follows a bind name as the start of another bind name.
  // PostgreSQL delivers a notification only when the transaction commits, so
  // the dispatcher never wakes for an event that was rolled back. Only the
  // first event of a unit of work notifies; should a rollback to a savepoint
  // drop that notification, the dispatcher's poll still finds the rest.
  const std::string insert = "INSERT INTO " + quote_identifier(module_.schema) +
                             ".outbox (id, name, version, payload, occurred_at) "
                             "VALUES (gen_random_uuid(), :name, :version, CAST(:payload AS jsonb), now()) RETURNING id";
  sql_ << (notified_ ? insert : insert + ", pg_notify('emporium_outbox', '')"), soci::use(name, "name"),
      soci::use(version, "version"), soci::use(payload_json, "payload"), soci::into(id);
  notified_ = true;
  return id;
}

}  // namespace emporium::kernel
