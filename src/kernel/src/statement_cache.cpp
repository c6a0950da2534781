#include "statement_cache.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "emporium/kernel/log.hpp"
#include "emporium/kernel/statement_kind.hpp"

namespace emporium::kernel::detail {
namespace {

const std::string kAsyncCommit = "SET LOCAL synchronous_commit TO off";
const std::string kBegin = "BEGIN";
const std::string kCommit = "COMMIT";

class CachingStatementBackend final : public soci::postgresql_statement_backend {
 public:
  explicit CachingStatementBackend(CachingSessionBackend& session)
      : soci::postgresql_statement_backend(session, false), session_(session) {}

  ~CachingStatementBackend() override {
    // The name belongs to the session's cache: the base class must not
    // DEALLOCATE it.
    if (cached_) statementName_.clear();
  }

  void prepare(const std::string& query, soci::details::statement_type type) override {
    if (!is_cacheable_statement(query)) {
      // A separately prepared utility statement parses now, inside the
      // unit of work.
      if (type == soci::details::st_repeatable_query) session_.send_held_begin();
      soci::postgresql_statement_backend::prepare(query, type);
      return;
    }
    // As a one-time query the base class only rewrites `:name` binds to $n.
    soci::postgresql_statement_backend::prepare(query, soci::details::st_one_time_query);
    stType_ = soci::details::st_repeatable_query;
    cached_ = true;
    // Not prepared on this connection yet: the Parse goes out with the
    // first execution.
    if (const auto* known = session_.prepared(query_)) {
      statementName_ = known->name;
      reads_only_ = known->reads_only;
    } else {
      reads_only_ = reads_only(query_);
    }
  }

  exec_fetch_result execute(int number) override {
    session_.settle();
    session_.note_statement(cached_ && reads_only_);
    // The second call after a describe only reads the result already here.
    if (justDescribed_) return soci::postgresql_statement_backend::execute(number);
    session_.check_open();
    std::vector<const char*> values;
    const bool pipelined = cached_ && (session_.begin_is_held() || session_.has_deferred() ||
                                       statementName_.empty() || session_.commits_with_next());
    if (!pipelined || !runs_once(number) || !parameter_values(values)) {
      // The ordinary path, which also reports misuse as SOCI does.
      session_.send_held_begin();
      if (cached_ && statementName_.empty()) statementName_ = session_.prepare_now(query_, parameter_count());
      return soci::postgresql_statement_backend::execute(number);
    }
    clean_up();
    result_.reset(session_.run_pipelined(query_, values, statementName_));
    // The result is here: the base class only has to read it, as it does
    // after prepare_for_describe().
    justDescribed_ = true;
    return soci::postgresql_statement_backend::execute(number);
  }

 private:
  int parameter_count() const { return static_cast<int>(names_.size()); }

  // One execution rather than SOCI's loop over bulk `use` vectors.
  bool runs_once(int number) const {
    if (useByPosBuffers_.empty() && useByNameBuffers_.empty()) return !(number > 1 && hasIntoElements_);
    if (!useByPosBuffers_.empty() && !useByNameBuffers_.empty()) return false;
    if (number > 1 && hasIntoElements_) return false;
    return number <= 1 || hasUseElements_;
  }

  // The text of each parameter, in $n order, as the base class gathers them.
  bool parameter_values(std::vector<const char*>& values) const {
    if (!useByPosBuffers_.empty()) {
      for (const auto& [position, buffers] : useByPosBuffers_) values.push_back(buffers[0]);
      return true;
    }
    if (useByNameBuffers_.empty()) return true;
    for (const std::string& name : names_) {
      const auto found = useByNameBuffers_.find(name);
      if (found == useByNameBuffers_.end()) return false;
      values.push_back(found->second[0]);
    }
    return true;
  }

  CachingSessionBackend& session_;
  bool cached_ = false;
  bool reads_only_ = false;
};

// Frees what it holds, for the results a pipeline leaves behind.
struct ResultGuard {
  PGresult* result = nullptr;
  ~ResultGuard() { PQclear(result); }
  PGresult* release() { return std::exchange(result, nullptr); }
};

}  // namespace

soci::postgresql_statement_backend* CachingSessionBackend::make_statement_backend() {
  return new CachingStatementBackend(*this);
}

const CachingSessionBackend::Prepared* CachingSessionBackend::prepared(const std::string& query) const {
  const auto found = names_.find(query);
  return found == names_.end() ? nullptr : &found->second;
}

const std::string& CachingSessionBackend::prepare_now(const std::string& query, int parameter_count) {
  if (const Prepared* known = prepared(query)) return known->name;
  settle();
  std::string name = "emporium_" + std::to_string(++next_);
  soci::details::postgresql_result result(*this, PQprepare(conn_, name.c_str(), query.c_str(), parameter_count, nullptr));
  result.check_for_errors("Cannot prepare statement.");
  return remember(query, std::move(name));
}

const std::string& CachingSessionBackend::remember(const std::string& query, std::string name) {
  const bool reading = reads_only(query);
  return names_.try_emplace(query, Prepared{std::move(name), reading}).first->second.name;
}

void CachingSessionBackend::raise(PGresult* refused, const char* what) {
  if (refused != nullptr) soci::details::postgresql_result(*this, refused).check_for_errors(what);
  throw soci::soci_error(std::string(what) + ": " + PQerrorMessage(conn_));
}

void CachingSessionBackend::begin_held(std::string set_role, bool commit_async) {
  settle();
  // No statement of this session is alive between units of work, so this
  // is where a full statement cache starts over.
  if (names_.size() > kLimit) {
    names_.clear();
    soci::details::postgresql_result result(*this, PQexec(conn_, "DEALLOCATE ALL"));
    result.check_for_errors("Cannot start the statement cache over.");
  }
  held_set_role_ = std::move(set_role);
  held_async_ = commit_async;
  commit_with_next_ = false;
  committed_early_ = false;
  durable_asked_ = false;
  wrote_ = false;
}

void CachingSessionBackend::commit_durably() {
  if (durable_asked_) return;
  durable_asked_ = true;
  defer(std::string("SELECT set_config('synchronous_commit', 'on', true), ") + kWalWritingCall, {});
}

void CachingSessionBackend::check_open() const {
  if (committed_early_) throw std::logic_error("the unit of work has committed with what was declared its last statement");
}

std::uint64_t CachingSessionBackend::defer(std::string query, std::vector<std::optional<std::string>> values) {
  check_open();
  Deferred write{std::move(query), std::move(values), {}, false, ++deferred_count_};
  if (const Prepared* known = prepared(write.query)) {
    write.name = known->name;
  } else {
    // One Parse per text, even when a unit defers the same write twice.
    for (const Deferred& queued : deferred_) {
      if (queued.query == write.query) write.name = queued.name;
    }
    write.parse = write.name.empty();
    if (write.parse) write.name = "emporium_" + std::to_string(++next_);
  }
  wrote_ = true;
  deferred_.push_back(std::move(write));
  return deferred_count_;
}

bool CachingSessionBackend::take_back_last_deferred(std::uint64_t number) {
  if (deferred_.empty() || deferred_.back().number != number) return false;
  deferred_.pop_back();
  return true;
}

void CachingSessionBackend::send_held_begin() {
  if (held_set_role_.empty() && deferred_.empty()) return;
  settle();
  if (deferred_.empty()) {
    const std::string begin = "BEGIN; " + held_set_role_ + (held_async_ ? "; " + std::string(kAsyncCommit) : "");
    for (int attempt = 0;; ++attempt) {
      ResultGuard result{PQexec(conn_, begin.c_str())};
      if (PQresultStatus(result.result) == PGRES_COMMAND_OK) break;
      if (attempt == 0 && reset_connection()) continue;
      held_set_role_.clear();
      raise(result.release(), "Cannot begin the unit of work");
    }
    held_set_role_.clear();
    return;
  }
  PQclear(pipeline({}));
}

PGresult* CachingSessionBackend::run_pipelined(const std::string& query, const std::vector<const char*>& values,
                                               std::string& name) {
  settle();
  bool parse = name.empty();
  const std::string use_name = parse ? "emporium_" + std::to_string(++next_) : name;
  const bool commit_after = commit_with_next_;
  PGresult* result = pipeline({&query, &values, &use_name, parse, nullptr, commit_after});
  if (commit_after && PQresultStatus(result) != PGRES_FATAL_ERROR) {
    // Committed: the statement's error, if it had one, left the unit open
    // for the caller's rollback.
    commit_with_next_ = false;
    committed_early_ = true;
    last_commit_ = flushed_by_commit();
  }
  // Parsed here under use_name, or again after a reconnect forgot it; a
  // deferred write of the same text may have been remembered first.
  const Prepared* known = prepared(query);
  name = known != nullptr ? known->name : remember(query, use_name);
  return result;
}

PGresult* CachingSessionBackend::pipeline(const Final& last) {
  const bool began_here = begin_is_held();
  Final final = last;
  for (int attempt = 0;; ++attempt) {
    PGresult* failure = nullptr;
    PGresult* result = pipeline_once(final, failure);
    if (failure == nullptr) {
      held_set_role_.clear();
      for (const Deferred& write : deferred_) {
        if (write.parse) remember(write.query, write.name);
      }
      deferred_.clear();
      return result;
    }
    ResultGuard refused{failure};
    PQclear(result);
    // Only the BEGIN can meet a connection the server dropped since its
    // last unit of work; nothing of this one has run, so it is sent again,
    // with every statement parsed afresh.
    const bool reconnected = reset_connection();
    if (reconnected && attempt == 0 && began_here) {
      final.parse = final.query != nullptr;
      for (Deferred& write : deferred_) write.parse = true;
      continue;
    }
    held_set_role_.clear();
    deferred_.clear();
    raise(refused.release(), "Cannot run the statement");
  }
}

PGresult* CachingSessionBackend::pipeline_once(const Final& last, PGresult*& failure) {
  if (PQenterPipelineMode(conn_) != 1) {
    failure = PQmakeEmptyPGresult(conn_, PGRES_FATAL_ERROR);
    return nullptr;
  }
  int sent = 0;
  bool ok = true;
  const auto send = [&](bool done) {
    ok = ok && done;
    if (ok) ++sent;
  };
  const auto send_prepared = [&](const std::string& query, const std::string& name, bool parse,
                                 const std::vector<const char*>& values) {
    const int count = static_cast<int>(values.size());
    if (parse) send(PQsendPrepare(conn_, name.c_str(), query.c_str(), count, nullptr) == 1);
    send(PQsendQueryPrepared(conn_, name.c_str(), count, values.data(), nullptr, nullptr, 0) == 1);
  };
  // Transaction control goes out as named statements too: an unnamed one
  // is parsed and analysed again in every unit of work. A command's Parse
  // is remembered once the server has answered it.
  struct CommandParse {
    int at;
    const std::string* text;
    std::string name;
  };
  std::vector<CommandParse> command_parses;
  const std::vector<const char*> no_values;
  const auto send_command = [&](const std::string& text) {
    const Prepared* known = prepared(text);
    std::string name = known != nullptr ? known->name : "emporium_" + std::to_string(++next_);
    send_prepared(text, name, known == nullptr, no_values);
    if (known == nullptr) command_parses.push_back({sent - 2, &text, std::move(name)});
  };
  if (!held_set_role_.empty()) {
    send_command(kBegin);
    send_command(held_set_role_);
    if (held_async_) send_command(kAsyncCommit);
  }
  for (const Deferred& write : deferred_) {
    std::vector<const char*> values;
    for (const auto& value : write.values) values.push_back(value ? value->c_str() : nullptr);
    send_prepared(write.query, write.name, write.parse, values);
  }
  int statement_at = -1;
  int commit_at = -1;
  const bool commit_after = last.commit_after && last.query != nullptr;
  if (last.query != nullptr) {
    send_prepared(*last.query, *last.name, last.parse, *last.values);
    statement_at = sent - 1;
    if (commit_after) {
      send_command(kCommit);
      commit_at = sent - 1;
    }
  } else if (last.command != nullptr) {
    send_command(*last.command);
    statement_at = sent - 1;
  }
  ok = ok && PQpipelineSync(conn_) == 1;

  // Each query answers with its result and then a null; the sync last.
  PGresult* statement = nullptr;
  for (int i = 0; ok && i < sent; ++i) {
    PGresult* result = PQgetResult(conn_);
    if (result == nullptr) {
      ok = false;
      break;
    }
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    const ExecStatusType status = PQresultStatus(result);
    const auto parse = std::find_if(command_parses.begin(), command_parses.end(),
                                    [i](const CommandParse& p) { return p.at == i; });
    if (parse != command_parses.end()) {
      // A Parse skipped after a refused statement prepared nothing; the
      // refusal itself is reported by the statement's own result.
      if (status == PGRES_COMMAND_OK) remember(*parse->text, parse->name);
      PQclear(result);
    } else if (i == statement_at) {
      statement = result;
    } else if (i == commit_at) {
      // A COMMIT after a refused statement was skipped (the statement's
      // error is what the caller sees); one that ended in a rollback, or
      // was refused itself, fails the unit.
      const bool statement_ok = statement != nullptr && PQresultStatus(statement) != PGRES_FATAL_ERROR;
      if (statement_ok && failure == nullptr &&
          (status != PGRES_COMMAND_OK || std::string_view(PQcmdStatus(result)) != "COMMIT")) {
        failure = result;
      } else {
        PQclear(result);
      }
    } else if (failure == nullptr && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      failure = result;
    } else {
      PQclear(result);
    }
  }
  while (ok) {
    PGresult* result = PQgetResult(conn_);
    if (result == nullptr) {
      ok = false;
      break;
    }
    const bool synced = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
    PQclear(result);
    if (synced) break;
    ok = PQstatus(conn_) == CONNECTION_OK;
  }
  // A pipeline that could not be sent or read whole is left for
  // reset_connection().
  if (!(ok && PQexitPipelineMode(conn_) == 1) || failure != nullptr) {
    PQclear(statement);
    // Carries the connection's error message when no command reported one.
    if (failure == nullptr) failure = PQmakeEmptyPGresult(conn_, PGRES_FATAL_ERROR);
    return nullptr;
  }
  return statement;
}

bool CachingSessionBackend::reset_connection() {
  if (PQstatus(conn_) == CONNECTION_OK && PQpipelineStatus(conn_) == PQ_PIPELINE_OFF) return false;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  names_.clear();
  commit_in_flight_ = false;
  // As SOCI's connect() does, so numbers read back as they were written.
  PQclear(PQexec(conn_, "SET extra_float_digits = 3"));
  log::warn("kernel", "reconnected a pooled database connection the server had closed");
  return true;
}

void CachingSessionBackend::begin() {
  settle();
  wrote_ = true;
  commit_with_next_ = false;
  committed_early_ = false;
  held_async_ = false;
  durable_asked_ = false;
  soci::postgresql_session_backend::begin();
}

CachingSessionBackend::Flushed CachingSessionBackend::flushed_by_commit() const {
  // A statement taken for a write may have changed no row, and a unit
  // that wrote no WAL commits without waiting for a flush (kWalWritingCall).
  if (!wrote_) return Flushed::nothing_written;
  return durable_asked_ ? Flushed::everything : held_async_ ? Flushed::not_waited_for : Flushed::unknown;
}

void CachingSessionBackend::commit() {
  if (committed_early_) {
    // Done in the last statement's pipeline, which also set last_commit_.
    committed_early_ = false;
    return;
  }
  last_commit_ = Flushed::nothing_written;
  if (begin_is_held() && deferred_.empty()) {
    // Nothing ran: there is no transaction to end.
    held_set_role_.clear();
    return;
  }
  settle();
  if (!deferred_.empty()) {
    commit_with_deferred();
  } else if (!wrote_ && send_commit()) {
    commit_in_flight_ = true;
    return;
  } else if (const Prepared* known = prepared(kCommit)) {
    ResultGuard result{PQexecPrepared(conn_, known->name.c_str(), 0, nullptr, nullptr, nullptr, 0)};
    if (PQresultStatus(result.result) != PGRES_COMMAND_OK) raise(result.release(), "Cannot commit transaction.");
  } else {
    soci::postgresql_session_backend::commit();
  }
  last_commit_ = flushed_by_commit();
}

bool CachingSessionBackend::send_commit() {
  if (const Prepared* known = prepared(kCommit)) {
    return PQsendQueryPrepared(conn_, known->name.c_str(), 0, nullptr, nullptr, nullptr, 0) == 1;
  }
  return PQsendQuery(conn_, kCommit.c_str()) == 1;
}

void CachingSessionBackend::rollback() {
  deferred_.clear();
  commit_with_next_ = false;
  if (committed_early_) {
    committed_early_ = false;
    throw std::logic_error("a unit of work that committed with its last statement cannot roll back");
  }
  last_commit_ = Flushed::nothing_written;
  if (begin_is_held()) {
    held_set_role_.clear();
    return;
  }
  settle();
  soci::postgresql_session_backend::rollback();
}

void CachingSessionBackend::commit_with_deferred() {
  Final commit;
  commit.command = &kCommit;
  try {
    ResultGuard result{pipeline(commit)};
    if (PQresultStatus(result.result) != PGRES_COMMAND_OK) raise(result.release(), "Cannot commit the unit of work");
  } catch (...) {
    // A refused write left the transaction aborted and skipped the COMMIT:
    // end it here, since the caller counts the unit as ended.
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
      PQclear(PQexec(conn_, "ROLLBACK"));
    }
    throw;
  }
}

void CachingSessionBackend::settle() {
  if (!commit_in_flight_) return;
  commit_in_flight_ = false;
  while (PGresult* result = PQgetResult(conn_)) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      log::warn("kernel", "a read-only unit of work did not commit", {{"error", std::string_view(PQresultErrorMessage(result))}});
    }
    PQclear(result);
  }
}

}  // namespace emporium::kernel::detail
