#pragma once
// Idempotency-Key for writes that move money or create orders (the
// contract's rule): the first request with a key runs; a retry with the same
// key and the same request gets the first response again; the same key with
// another request is 409 idempotency_mismatch.
//
// Keys live in the owning module's schema, so the module keeps its own
// memory and can be split out with it. A module that uses this creates, in
// its own migration:
//
//   CREATE TABLE <schema>.idempotency_keys (
//     scope text NOT NULL,
//     key text NOT NULL,
//     fingerprint text NOT NULL,
//     response_status integer,
//     response_body text,
//     claimed_until timestamptz NOT NULL,
//     created_at timestamptz NOT NULL DEFAULT now(),
//     PRIMARY KEY (scope, key)
//   );
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/http.hpp"
#include "emporium/kernel/module_id.hpp"

namespace emporium::kernel {

struct IdempotencyOptions {
  // How long a claim is held by the request that runs: a claim left behind
  // by a crash can be taken again after this, so `handle` must itself be
  // idempotent (an order keyed by its idempotency key).
  std::chrono::seconds lease{60};
  // How long a concurrent retry waits for the first request to finish
  // before it answers 409 idempotency_in_progress.
  std::chrono::milliseconds wait{5000};
};

// Lets a handler write its response in its own last unit of work, which
// saves with_idempotency the unit of work that would store it afterwards.
class IdempotentResponse {
 public:
  IdempotentResponse(const ModuleId& module, std::string scope, std::string key)
      : module_(module), scope_(std::move(scope)), key_(std::move(key)) {}

  // Queues the stored response into `tx`, a unit of work of the module that
  // owns the keys. It counts only if that unit commits, so call it in the
  // unit the response reports on and let that unit's failure propagate.
  void store_in(Tx& tx, http::Response response);
  // The response store_in queued, if any.
  const http::Response* stored() const { return stored_ ? &*stored_ : nullptr; }

 private:
  const ModuleId& module_;
  std::string scope_, key_;
  std::optional<http::Response> stored_;
};

// Runs `handle` at most once per (scope, Idempotency-Key) and request
// fingerprint (SHA-256 of method, path and raw body). Call it on a worker
// thread. Answers itself: 400 idempotency_key_required or
// invalid_idempotency_key, 409 idempotency_mismatch or
// idempotency_in_progress (with Retry-After), or the stored response of the
// first request (with `Idempotent-Replayed: true`). Responses with a status
// below 500 are stored; a 5xx or an exception releases the key so that a
// retry runs again.
http::Response with_idempotency(Database& db, const ModuleId& module, const http::Request& request,
                                std::string_view scope, const std::function<http::Response()>& handle,
                                const IdempotencyOptions& options = {});
// The same, for a handler that may store its response itself: when it
// returns what it stored, nothing is written after it.
http::Response with_idempotency(Database& db, const ModuleId& module, const http::Request& request,
                                std::string_view scope,
                                const std::function<http::Response(IdempotentResponse&)>& handle,
                                const IdempotencyOptions& options = {});

// The fingerprint with_idempotency compares: hex SHA-256 of
// "<method> <path>\n<body>".
std::string request_fingerprint(const http::Request& request);

}  // namespace emporium::kernel
