#include "statement_cache.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace emporium::kernel::detail {
namespace {

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
      soci::postgresql_statement_backend::prepare(query, type);
      return;
    }
    // As a one-time query the base class only rewrites `:name` binds to $n.
    soci::postgresql_statement_backend::prepare(query, soci::details::st_one_time_query);
    statementName_ = session_.prepared(query_, static_cast<int>(names_.size()));
    stType_ = soci::details::st_repeatable_query;
    cached_ = true;
  }

 private:
  CachingSessionBackend& session_;
  bool cached_ = false;
};

}  // namespace

soci::postgresql_statement_backend* CachingSessionBackend::make_statement_backend() {
  return new CachingStatementBackend(*this);
}

const std::string& CachingSessionBackend::prepared(const std::string& query, int parameter_count) {
  if (auto found = names_.find(query); found != names_.end()) return found->second;
  std::string name = "emporium_" + std::to_string(++next_);
  soci::details::postgresql_result result(*this, PQprepare(conn_, name.c_str(), query.c_str(), parameter_count, nullptr));
  result.check_for_errors("Cannot prepare statement.");
  return names_.emplace(query, std::move(name)).first->second;
}

bool is_cacheable_statement(const std::string& query) {
  if (query.find(';') != std::string::npos) return false;
  std::size_t at = 0;
  while (at < query.size() && std::isspace(static_cast<unsigned char>(query[at]))) ++at;
  std::size_t end = at;
  while (end < query.size() && std::isalpha(static_cast<unsigned char>(query[end]))) ++end;
  std::string keyword = query.substr(at, end - at);
  std::transform(keyword.begin(), keyword.end(), keyword.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return keyword == "SELECT" || keyword == "INSERT" || keyword == "UPDATE" || keyword == "DELETE" ||
         keyword == "WITH" || keyword == "VALUES";
}

}  // namespace emporium::kernel::detail
