// Idempotency-Key handling against a real PostgreSQL: replays, mismatches,
// released failures and concurrent retries.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/idempotency.hpp"
#include "test_database.hpp"

namespace {

using emporium::kernel::Database;
using emporium::kernel::ModuleId;
namespace http = emporium::kernel::http;
using namespace std::chrono_literals;

// The analytics module stands in for a module that keeps idempotency keys.
const ModuleId kModule{"analytics", "analytics"};

struct IdempotencyFixture {
  Database db;
  std::atomic<int> runs{0};

  explicit IdempotencyFixture(const char* name) : db(emporium::testing::migrated_database(name), 16) {
    db.with_session([](soci::session& sql) {
      sql << "CREATE TABLE analytics.idempotency_keys (scope text NOT NULL, key text NOT NULL, "
             "fingerprint text NOT NULL, response_status integer, response_body text, "
             "claimed_until timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), "
             "PRIMARY KEY (scope, key))";
      sql << "ALTER TABLE analytics.idempotency_keys OWNER TO emporium_analytics";
    });
  }

  http::Response call(const std::string& key, const std::string& body, int status = 201,
                      std::chrono::milliseconds work = 0ms) {
    http::Request request;
    request.method = "POST";
    request.path = "/api/v1/orders";
    request.body = body;
    if (!key.empty()) request.headers.emplace_back("Idempotency-Key", key);
    return emporium::kernel::with_idempotency(db, kModule, request, "orders:usr_1", [&] {
      ++runs;
      std::this_thread::sleep_for(work);
      auto response = http::Response::json(status, R"({"run":)" + std::to_string(runs.load()) + "}");
      response.set_header("Location", "/api/v1/orders/ord_1");
      return response;
    });
  }
};

}  // namespace

TEST_CASE("a retried request with the same key and body gets the first response without running again") {
  IdempotencyFixture f("idem_replay");
  auto first = f.call("key-1", R"({"cart_id":"c1"})");
  auto again = f.call("key-1", R"({"cart_id":"c1"})");
  CHECK(f.runs == 1);
  CHECK(first.status == 201);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.header("Location") == std::optional<std::string_view>("/api/v1/orders/ord_1"));
  CHECK(again.header("Idempotent-Replayed") == std::optional<std::string_view>("true"));
  CHECK_FALSE(first.header("Idempotent-Replayed").has_value());
}

TEST_CASE("the same key with another body is a 409 idempotency_mismatch") {
  IdempotencyFixture f("idem_mismatch");
  f.call("key-1", R"({"cart_id":"c1"})");
  auto other = f.call("key-1", R"({"cart_id":"c2"})");
  CHECK(other.status == 409);
  CHECK(other.body.find("idempotency_mismatch") != std::string::npos);
  CHECK(f.runs == 1);
}

TEST_CASE("a request without an Idempotency-Key is refused before anything runs") {
  IdempotencyFixture f("idem_missing");
  auto response = f.call("", "{}");
  CHECK(response.status == 400);
  CHECK(response.body.find("idempotency_key_required") != std::string::npos);
  CHECK(f.runs == 0);
  CHECK(f.call(std::string(256, 'k'), "{}").status == 400);
}

TEST_CASE("client errors are replayed but a server error releases the key for a retry") {
  IdempotencyFixture f("idem_release");
  CHECK(f.call("declined", "{}", 402).status == 402);
  CHECK(f.call("declined", "{}", 201).status == 402);
  CHECK(f.runs == 1);
  CHECK(f.call("broken", "{}", 503).status == 503);
  CHECK(f.call("broken", "{}", 201).status == 201);
  CHECK(f.runs == 3);
}

TEST_CASE("twenty concurrent retries with one key run the handler once and all answer alike") {
  IdempotencyFixture f("idem_concurrent");
  std::vector<http::Response> responses(20);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    threads.emplace_back([&, i] { responses[i] = f.call("same", R"({"cart_id":"c1"})", 201, 300ms); });
  }
  for (auto& thread : threads) thread.join();
  CHECK(f.runs == 1);
  for (const auto& response : responses) {
    CHECK(response.status == 201);
    CHECK(response.body == R"({"run":1})");
  }
}

namespace {

http::Response keep_in_own_unit(IdempotencyFixture& f, const std::string& key, const std::string& kept_body,
                                 const std::string& returned_body, bool unit_fails = false) {
  http::Request request;
  request.method = "POST";
  request.path = "/api/v1/orders";
  request.body = "{}";
  request.headers.emplace_back("Idempotency-Key", key);
  return emporium::kernel::with_idempotency(
      f.db, kModule, request, "orders:usr_1", [&](emporium::kernel::IdempotentResponse& kept) {
        ++f.runs;
        f.db.transact(kModule, [&](emporium::kernel::Tx& tx) {
          kept.store_in(tx, http::Response::json(201, kept_body));
          if (unit_fails) throw std::runtime_error("the unit that kept the response failed");
        });
        return http::Response::json(201, returned_body);
      });
}

}  // namespace

TEST_CASE("a handler can store its response in its own unit of work; a different answer replaces it") {
  IdempotencyFixture f("idem_kept");
  CHECK(keep_in_own_unit(f, "same", R"({"kept":1})", R"({"kept":1})").body == R"({"kept":1})");
  auto replay = f.call("same", "{}");
  CHECK(replay.body == R"({"kept":1})");
  CHECK(replay.header("Idempotent-Replayed") == std::optional<std::string_view>("true"));

  // The handler answered something else than it kept: the answer is stored.
  CHECK(keep_in_own_unit(f, "other", R"({"kept":2})", R"({"answered":2})").body == R"({"answered":2})");
  CHECK(f.call("other", "{}").body == R"({"answered":2})");

  // The unit that kept it rolled back: nothing is kept and the key is free.
  CHECK_THROWS(keep_in_own_unit(f, "lost", R"({"kept":3})", R"({"kept":3})", true));
  CHECK(f.call("lost", "{}").body == R"({"run":4})");
  CHECK(f.runs == 4);

  // Only a unit of the module that owns the keys can keep it.
  http::Request request;
  request.method = "POST";
  request.path = "/api/v1/orders";
  request.headers.emplace_back("Idempotency-Key", "elsewhere");
  const ModuleId other_module{"catalog", "catalog"};
  CHECK_THROWS_AS(emporium::kernel::with_idempotency(f.db, kModule, request, "orders:usr_1",
                                                     [&](emporium::kernel::IdempotentResponse& kept) {
                                                       f.db.transact(other_module, [&](emporium::kernel::Tx& tx) {
                                                         kept.store_in(tx, http::Response::empty(204));
                                                       });
                                                       return http::Response::empty(204);
                                                     }),
                  std::logic_error);
}
