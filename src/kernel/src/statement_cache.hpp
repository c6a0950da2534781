#pragma once
// A SOCI PostgreSQL backend that keeps each connection's statements prepared.
//
// Stock SOCI sends `sql << ...` as PQexecParams, so PostgreSQL parses,
// analyses and plans the text on every call, and it runs `sql.prepare << ...`
// as PQprepare + PQexecPrepared + DEALLOCATE: three round trips. Here every
// plain SELECT/INSERT/UPDATE/DELETE/WITH is prepared once per connection,
// under a name the session remembers, and later calls with the same text are
// one PQexecPrepared. Privileges are still checked at execution, under the
// role the unit of work switched to, so the module boundaries hold.
#include <soci/postgresql/soci-postgresql.h>

#include <cstddef>
#include <string>
#include <unordered_map>

namespace emporium::kernel::detail {

class CachingSessionBackend final : public soci::postgresql_session_backend {
 public:
  explicit CachingSessionBackend(const soci::connection_parameters& parameters)
      : soci::postgresql_session_backend(parameters, false) {}

  soci::postgresql_statement_backend* make_statement_backend() override;

  // The server-side name of `query` (placeholders already $n), preparing it
  // on first use. Throws the SOCI PostgreSQL error when the server refuses it.
  const std::string& prepared(const std::string& query, int parameter_count);

  // Past the limit, the next unit of work starts with DEALLOCATE ALL, when
  // no statement of this session is alive (see take_reset()).
  bool over_limit() const { return names_.size() > kLimit; }
  // Forgets every name; the caller runs DEALLOCATE ALL on the connection.
  void forget_all() { names_.clear(); }

 private:
  // Enough for every statement the application has, with room for the
  // variants dynamic queries (listing filters) produce.
  static constexpr std::size_t kLimit = 2000;
  std::unordered_map<std::string, std::string> names_;
  unsigned long next_ = 0;
};

class CachingBackendFactory final : public soci::backend_factory {
 public:
  soci::details::session_backend* make_session(const soci::connection_parameters& parameters) const override {
    return new CachingSessionBackend(parameters);
  }
};

// True for one statement whose plan PostgreSQL can cache: a single
// SELECT/INSERT/UPDATE/DELETE/WITH/VALUES (no `;`, no utility command).
bool is_cacheable_statement(const std::string& query);

}  // namespace emporium::kernel::detail
