#pragma once
// A SOCI PostgreSQL backend that keeps each connection's statements prepared
// and saves the round trips around a unit of work.
//
// Stock SOCI sends `sql << ...` as PQexecParams, so PostgreSQL parses,
// analyses and plans the text on every call, and it runs `sql.prepare << ...`
// as PQprepare + PQexecPrepared + DEALLOCATE: three round trips. Here every
// plain SELECT/INSERT/UPDATE/DELETE/WITH is prepared once per connection,
// under a name the session remembers, and later calls with the same text are
// one PQexecPrepared. Privileges are still checked at execution, under the
// role the unit of work switched to, so the module boundaries hold.
//
// A unit of work's `BEGIN; SET LOCAL ROLE` is held back and sent in one
// pipeline with its first statement (and that statement's Parse, the first
// time), so a unit of work costs one round trip less; one that runs no
// statement costs none. A unit that only read is committed without waiting
// for the answer, which the connection collects before its next command:
// nothing it did can be lost, and its caller does not wait a round trip for
// it. A write whose answer nobody reads (an event into the outbox) is
// deferred: it goes out in the pipeline of the unit's next statement or of
// its COMMIT, and costs no round trip of its own. A unit that declares its
// next statement its last (commit_with_next) sends its COMMIT in that
// statement's pipeline.
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace emporium::kernel::detail {

// A call that writes a WAL record in the current transaction, and so gives
// it a transaction id: PostgreSQL waits for the WAL flush only at the
// COMMIT of a transaction that has both (an id alone, or a statement that
// changed no row, commits without the wait). A transactional logical
// decoding message is the smallest such record; nothing reads it unless a
// logical decoding slot is set up, which then sees the prefix "emporium".
inline constexpr const char* kWalWritingCall = "pg_logical_emit_message(true, 'emporium', 'flush')";

class CachingSessionBackend final : public soci::postgresql_session_backend {
 public:
  explicit CachingSessionBackend(const soci::connection_parameters& parameters)
      : soci::postgresql_session_backend(parameters, false) {}

  soci::postgresql_statement_backend* make_statement_backend() override;

  // A statement this connection has prepared: its server-side name, and
  // whether it only reads (statement_kind.hpp), worked out once.
  struct Prepared {
    std::string name;
    bool reads_only = false;
  };
  // `query` (placeholders already $n) once it is prepared on this
  // connection; null before.
  const Prepared* prepared(const std::string& query) const;
  // Prepares `query` now, in a round trip of its own, and returns its name.
  // Throws the SOCI PostgreSQL error when the server refuses it.
  const std::string& prepare_now(const std::string& query, int parameter_count);

  // Starts a unit of work: `set_role` ("SET LOCAL ROLE ...") and the BEGIN
  // before it go out with the first statement, and with them
  // `SET LOCAL synchronous_commit TO off` when `commit_async` (async_commits.hpp).
  // Past the cache's limit the connection first starts its statement cache
  // over (DEALLOCATE ALL).
  void begin_held(std::string set_role, bool commit_async);
  bool begin_is_held() const { return !held_set_role_.empty(); }
  // Sends a held BEGIN and the deferred writes on their own, for a
  // statement that cannot join them.
  void send_held_begin();
  // Runs the cached statement `query` with text parameters: in one pipeline
  // with the held BEGIN and, the first time, its Parse. Returns the
  // statement's result (the caller owns it) and sets `name` to its
  // prepared name, once its Parse succeeded. A connection found broken at the BEGIN, when nothing of
  // the unit has run yet, is reset and the pipeline sent once more.
  PGresult* run_pipelined(const std::string& query, const std::vector<const char*>& values, std::string& name);

  // Queues the write `query` ($n placeholders) with text parameters; it is
  // sent, in order, before the unit's next statement or with its COMMIT,
  // and a refusal is raised there. Dropped if the unit rolls back first.
  // A null value binds SQL NULL.
  // Returns the write's number on this connection.
  std::uint64_t defer(std::string query, std::vector<std::optional<std::string>> values);
  bool has_deferred() const { return !deferred_.empty(); }
  // Takes back the write numbered `number` if it is still the last one
  // queued (nothing was sent or queued since), so that the caller can queue
  // it again with more rows. False, and nothing changes, otherwise.
  bool take_back_last_deferred(std::uint64_t number);

  // The unit's next statement is its last: its pipeline carries the COMMIT
  // (run_pipelined). Afterwards a statement or a deferred write throws
  // std::logic_error, commit() has nothing left to do and rollback() throws.
  void commit_with_next() { commit_with_next_ = true; }
  bool commits_with_next() const { return commit_with_next_; }
  // Refuses work in a unit that has committed with its last statement.
  void check_open() const;

  // Whether a statement of the current unit of work may have written.
  void note_statement(bool reads_only) { wrote_ = wrote_ || !reads_only; }

  // Makes this unit's COMMIT wait for the WAL flush even when it began with
  // asynchronous commits, and writes a WAL record in it (kWalWritingCall) so
  // that the COMMIT has something to wait for even when its statements
  // changed no row. Rides with the next statement or the COMMIT.
  void commit_durably();
  // How the unit of work just committed left the WAL.
  enum class Flushed {
    nothing_written,  // it may have read only
    not_waited_for,   // it wrote and committed asynchronously
    everything,       // it flushed its commit record, and with it every earlier one
    unknown,          // it committed synchronously, but may have written nothing
  };
  Flushed last_commit() const { return last_commit_; }

  void begin() override;
  void commit() override;
  void rollback() override;

  // Collects the answer to a COMMIT sent without waiting. Every command on
  // the connection calls it first.
  void settle();

 private:
  // Enough for every statement the application has, with room for the
  // variants dynamic queries (listing filters) produce.
  static constexpr std::size_t kLimit = 2000;

  // The last command of a pipeline: a cached statement, a plain command
  // (COMMIT) when `query` is empty and `command` is set, or nothing.
  struct Final {
    const std::string* query = nullptr;
    const std::vector<const char*>* values = nullptr;
    const std::string* name = nullptr;
    bool parse = false;
    const std::string* command = nullptr;
    // After `query`: the unit's COMMIT, in the same pipeline.
    bool commit_after = false;
  };
  struct Deferred {
    std::string query;
    std::vector<std::optional<std::string>> values;
    std::string name;
    bool parse = false;
    std::uint64_t number = 0;
  };
  // Sends the held BEGIN and SET, the deferred writes and `last` in one
  // pipeline, once; returns the last command's result, or null with
  // `failure` set when anything before it was refused.
  PGresult* pipeline_once(const Final& last, PGresult*& failure);
  // pipeline_once, and once more on a new connection when the server had
  // dropped this one before the unit's BEGIN. Raises a refusal; on success
  // the BEGIN and the deferred writes are sent.
  PGresult* pipeline(const Final& last);
  // The COMMIT in one pipeline with the deferred writes; a refusal rolls
  // the transaction back before it is raised.
  void commit_with_deferred();
  // Sends the COMMIT without waiting for its answer (settle() collects it),
  // as the named statement once one is prepared on this connection.
  bool send_commit();
  // After the server dropped the connection: a new one, with no statement
  // prepared on it.
  bool reset_connection();
  // What a COMMIT of the current unit leaves of the WAL.
  Flushed flushed_by_commit() const;
  const std::string& remember(const std::string& query, std::string name);
  // Throws SOCI's error for `refused` (taken over), or the connection's own
  // when the server sent no result to report.
  [[noreturn]] void raise(PGresult* refused, const char* what);

  std::unordered_map<std::string, Prepared> names_;
  unsigned long next_ = 0;
  std::uint64_t deferred_count_ = 0;
  std::string held_set_role_;
  bool held_async_ = false;
  bool durable_asked_ = false;
  Flushed last_commit_ = Flushed::nothing_written;
  std::vector<Deferred> deferred_;
  bool wrote_ = false;
  bool commit_in_flight_ = false;
  bool commit_with_next_ = false;
  bool committed_early_ = false;
};

class CachingBackendFactory final : public soci::backend_factory {
 public:
  soci::details::session_backend* make_session(const soci::connection_parameters& parameters) const override {
    return new CachingSessionBackend(parameters);
  }
};

}  // namespace emporium::kernel::detail
