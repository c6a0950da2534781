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
  // A connection already known to be broken is replaced now; one the
  // server dropped unnoticed is replaced when its BEGIN goes out.
  if (!connection_ok(*session_)) session_->reconnect();
  const std::string set_role = "SET LOCAL ROLE " + quote_identifier(module.role());
  if (auto* cache = dynamic_cast<detail::CachingSessionBackend*>(session_->get_backend())) {
    cache->begin_held(set_role);
    return;
  }
  *session_ << "BEGIN; " + set_role;
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
