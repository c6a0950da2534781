#include "emporium/kernel/idempotency.hpp"

#include <optional>
#include <stdexcept>
#include <thread>

#include "emporium/kernel/migrations.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::kernel {
namespace {

constexpr std::size_t kMaxKeyLength = 255;
constexpr std::chrono::milliseconds kPollInterval{25};

enum class ClaimOutcome { claimed, replay, mismatch, in_progress };

struct Claim {
  ClaimOutcome outcome = ClaimOutcome::in_progress;
  int status = 0;
  std::string stored;
};

std::string table_of(const ModuleId& module) { return quote_identifier(module.schema) + ".idempotency_keys"; }

// A stored response is its handler-set headers as "Name: value" lines, a
// blank line, then the body: replays keep Content-Type and Location.
std::string store_text(const http::Response& response) {
  std::string text;
  for (const auto& [name, value] : response.headers) text += name + ": " + value + "\n";
  return text + "\n" + response.body;
}

http::Response replayed(int status, const std::string& stored) {
  http::Response response;
  response.status = status;
  std::size_t at = 0;
  while (at < stored.size() && stored[at] != '\n') {
    const auto end = stored.find('\n', at);
    const auto line = stored.substr(at, end - at);
    const auto colon = line.find(": ");
    if (colon != std::string::npos) response.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    at = end + 1;
  }
  response.body = at < stored.size() ? stored.substr(at + 1) : std::string();
  response.set_header("Idempotent-Replayed", "true");
  return response;
}

Claim claim(Database& db, const ModuleId& module, const std::string& scope, const std::string& key,
            const std::string& fingerprint, std::chrono::seconds lease) {
  const std::string table = table_of(module);
  const long long lease_seconds = lease.count();
  // A first request's claim is a unit of one statement, which carries its
  // COMMIT; a key seen before is looked at in a unit of its own.
  const bool inserted = db.transact(module, [&](Tx& tx) {
    auto& sql = tx.sql();
    int one = 0;
    soci::indicator inserted_indicator = soci::i_null;
    tx.commit_with_next_statement();
    sql << "INSERT INTO " + table +
               " (scope, key, fingerprint, claimed_until) VALUES (:scope, :key, :fingerprint, "
               "now() + make_interval(secs => :lease)) ON CONFLICT (scope, key) DO NOTHING RETURNING 1",
        soci::use(scope, "scope"), soci::use(key, "key"), soci::use(fingerprint, "fingerprint"),
        soci::use(lease_seconds, "lease"), soci::into(one, inserted_indicator);
    return sql.got_data() && inserted_indicator == soci::i_ok;
  });
  if (inserted) return Claim{ClaimOutcome::claimed};

  return db.transact(module, [&](Tx& tx) {
    auto& sql = tx.sql();
    std::string stored_fingerprint, body;
    int status = 0, expired = 0;
    soci::indicator status_indicator = soci::i_null, body_indicator = soci::i_null;
    sql << "SELECT fingerprint, response_status, response_body, CAST(claimed_until < now() AS integer) FROM " + table +
               " WHERE scope = :scope AND key = :key FOR UPDATE",
        soci::use(scope, "scope"), soci::use(key, "key"), soci::into(stored_fingerprint),
        soci::into(status, status_indicator), soci::into(body, body_indicator), soci::into(expired);
    if (!sql.got_data()) return Claim{ClaimOutcome::in_progress};  // released just now: try again
    if (stored_fingerprint != fingerprint) return Claim{ClaimOutcome::mismatch};
    if (status_indicator == soci::i_ok) {
      return Claim{ClaimOutcome::replay, status, body_indicator == soci::i_ok ? body : std::string()};
    }
    if (expired != 0) {
      sql << "UPDATE " + table +
                 " SET claimed_until = now() + make_interval(secs => :lease) WHERE scope = :scope AND key = :key",
          soci::use(lease_seconds, "lease"), soci::use(scope, "scope"), soci::use(key, "key");
      return Claim{ClaimOutcome::claimed};
    }
    return Claim{ClaimOutcome::in_progress};
  });
}

// Deferred, so the UPDATE goes out with the unit's next statement or COMMIT.
void store_response(Tx& tx, const std::string& scope, const std::string& key, const http::Response& response) {
  tx.defer("UPDATE " + table_of(tx.module()) +
               " SET response_status = $1, response_body = $2 WHERE scope = $3 AND key = $4",
           {std::to_string(response.status), store_text(response), scope, key});
}

void remember(Database& db, const ModuleId& module, const std::string& scope, const std::string& key,
              const http::Response& response) {
  db.transact(module, [&](Tx& tx) { store_response(tx, scope, key, response); });
}

bool same_response(const http::Response& a, const http::Response& b) {
  return a.status == b.status && a.headers == b.headers && a.body == b.body;
}

void release(Database& db, const ModuleId& module, const std::string& scope, const std::string& key) {
  const std::string table = table_of(module);
  db.transact(module, [&](Tx& tx) {
    tx.sql() << "DELETE FROM " + table + " WHERE scope = :scope AND key = :key AND response_status IS NULL",
        soci::use(scope, "scope"), soci::use(key, "key");
  });
}

}  // namespace

void IdempotentResponse::store_in(Tx& tx, http::Response response) {
  if (tx.module().schema != module_.schema) {
    throw std::logic_error("an idempotent response stored in another module's unit of work");
  }
  store_response(tx, scope_, key_, response);
  stored_ = std::move(response);
}

std::string request_fingerprint(const http::Request& request) {
  return sha256_hex(request.method + " " + request.path + "\n" + request.body);
}

http::Response with_idempotency(Database& db, const ModuleId& module, const http::Request& request,
                                std::string_view scope, const std::function<http::Response()>& handle,
                                const IdempotencyOptions& options) {
  return with_idempotency(
      db, module, request, scope, [&](IdempotentResponse&) { return handle(); }, options);
}

http::Response with_idempotency(Database& db, const ModuleId& module, const http::Request& request,
                                std::string_view scope_view,
                                const std::function<http::Response(IdempotentResponse&)>& handle,
                                const IdempotencyOptions& options) {
  auto header = request.header("Idempotency-Key");
  if (!header || header->empty()) {
    return to_response(Problem::bad_request("idempotency_key_required",
                                            "This request needs an Idempotency-Key header (e.g. a random UUID)."),
                       request.request_id);
  }
  if (header->size() > kMaxKeyLength) {
    return to_response(
        Problem::bad_request("invalid_idempotency_key", "The Idempotency-Key header must be at most 255 characters."),
        request.request_id);
  }
  const std::string scope(scope_view), key(*header), fingerprint = request_fingerprint(request);
  const auto deadline = std::chrono::steady_clock::now() + options.wait;
  for (;;) {
    auto claimed = claim(db, module, scope, key, fingerprint, options.lease);
    switch (claimed.outcome) {
      case ClaimOutcome::claimed: {
        IdempotentResponse own(module, scope, key);
        std::optional<http::Response> response;
        try {
          response = handle(own);
        } catch (...) {
          release(db, module, scope, key);
          throw;
        }
        if (own.stored() != nullptr && same_response(*own.stored(), *response)) return std::move(*response);
        if (response->status >= 500) release(db, module, scope, key);
        else remember(db, module, scope, key, *response);
        return std::move(*response);
      }
      case ClaimOutcome::replay:
        return replayed(claimed.status, claimed.stored);
      case ClaimOutcome::mismatch:
        return to_response(Problem::conflict("idempotency_mismatch",
                                             "This Idempotency-Key was already used with a different request."),
                           request.request_id);
      case ClaimOutcome::in_progress:
        break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      auto response = to_response(Problem::conflict("idempotency_in_progress",
                                                    "A request with this Idempotency-Key is still being processed."),
                                  request.request_id);
      response.set_header("Retry-After", "1");
      return response;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace emporium::kernel
