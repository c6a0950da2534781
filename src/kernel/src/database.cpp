#include "emporium/kernel/database.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <string>

namespace emporium::kernel {

std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

Database::Database(std::string connection_string, std::size_t pool_size)
    : connection_string_(std::move(connection_string)), pool_size_(pool_size), pool_(pool_size) {
  for (std::size_t i = 0; i < pool_size_; ++i) {
    pool_.at(i).open(soci::postgresql, connection_string_);
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
  try {
    // A connection broken by a server restart is replaced here rather than
    // failing the unit of work that happened to draw it.
    if (!session_->is_connected()) session_->reconnect();
  } catch (...) {
    db_.in_use_.fetch_sub(1);
    db_.pool_.give_back(position_);
    throw;
  }
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
  sql_ << "INSERT INTO " + quote_identifier(module_.schema) +
              ".outbox (id, name, version, payload, occurred_at) "
              "VALUES (gen_random_uuid(), :name, :version, CAST(:payload AS jsonb), now()) RETURNING id",
      soci::use(name, "name"), soci::use(version, "version"), soci::use(payload_json, "payload"),
      soci::into(id);
  // PostgreSQL delivers a notification only when the transaction commits, so
  // the dispatcher never wakes for an event that was rolled back.
  sql_ << "NOTIFY emporium_outbox";
  return id;
}

}  // namespace emporium::kernel
