// kernel::AsyncCommits, Tx::commit_durably and flush_async_commits against a
// real PostgreSQL: which units commit without waiting for the WAL flush, and
// that the flush owed for them is made before anything depends on it.
#include <doctest/doctest.h>
#include <soci/soci.h>

#include <stdexcept>
#include <string>
#include <thread>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/http_pipeline.hpp"
#include "test_database.hpp"

using namespace emporium;
using emporium::testing::migrated_database;
using emporium::testing::module_named;

namespace {

// synchronous_commit as the unit of work sees it, after `before` ran in it.
template <class Before>
std::string commit_mode(kernel::Database& db, Before before) {
  return db.transact(module_named("cart"), [&](kernel::Tx& tx) {
    before(tx);
    std::string mode;
    tx.sql() << "SELECT current_setting('synchronous_commit')", soci::into(mode);
    return mode;
  });
}

std::string commit_mode(kernel::Database& db) {
  return commit_mode(db, [](kernel::Tx&) {});
}

// The end of the WAL written so far, and whether the WAL on disk reaches `lsn`.
std::string wal_end(kernel::Database& db) {
  std::string lsn;
  db.with_session([&](soci::session& sql) { sql << "SELECT CAST(pg_current_wal_insert_lsn() AS text)", soci::into(lsn); });
  return lsn;
}

bool wal_on_disk_up_to(kernel::Database& db, const std::string& lsn) {
  int flushed = 0;
  db.with_session([&](soci::session& sql) {
    sql << "SELECT CAST(pg_current_wal_flush_lsn() >= CAST(:lsn AS pg_lsn) AS integer)", soci::use(lsn),
        soci::into(flushed);
  });
  return flushed == 1;
}

void write_a_row(kernel::Database& db) {
  db.transact(module_named("cart"), [](kernel::Tx& tx) { tx.publish("cart.test", 1, "{}"); });
}

}  // namespace

TEST_CASE("units of work begun inside AsyncCommits commit asynchronously, and no others") {
  kernel::Database db(migrated_database("async_scope"), 2);
  CHECK(commit_mode(db) == "on");
  {
    const kernel::AsyncCommits outer;
    CHECK(commit_mode(db) == "off");
    {
      const kernel::AsyncCommits inner;
      CHECK(commit_mode(db) == "off");
    }
    CHECK(commit_mode(db) == "off");
    // The scope is the thread's: another thread's units still wait.
    std::string elsewhere;
    std::thread([&] { elsewhere = commit_mode(db); }).join();
    CHECK(elsewhere == "on");
    // A unit whose first statement is a deferred write begins the same way.
    CHECK(commit_mode(db, [](kernel::Tx& tx) { tx.publish("cart.test", 1, "{}"); }) == "off");
  }
  CHECK(commit_mode(db) == "on");
}

TEST_CASE("commit_durably makes one unit inside AsyncCommits wait for the flush, and every commit before it") {
  kernel::Database db(migrated_database("async_durably"), 1);
  const kernel::AsyncCommits async_commits;
  for (int i = 0; i < 3; ++i) write_a_row(db);
  const std::string written = wal_end(db);
  // Its statements change no row: the COMMIT must wait all the same.
  std::string mode = commit_mode(db, [](kernel::Tx& tx) { tx.commit_durably(); });
  CHECK(mode == "on");
  CHECK(wal_on_disk_up_to(db, written));
  // Only that unit: the next one in the scope is asynchronous again.
  CHECK(commit_mode(db) == "off");
}

TEST_CASE("flush_async_commits puts this thread's asynchronous commits on disk") {
  kernel::Database db(migrated_database("async_flush"), 2);
  {
    const kernel::AsyncCommits async_commits;
    for (int i = 0; i < 5; ++i) write_a_row(db);
  }
  const std::string written = wal_end(db);
  // The WAL writer flushes asynchronous commits within a few hundred
  // milliseconds on its own; the flush must not wait for it.
  kernel::flush_async_commits();
  CHECK(wal_on_disk_up_to(db, written));
  long long rows = 0;
  db.transact(module_named("cart"), [&](kernel::Tx& tx) { tx.sql() << "SELECT count(*) FROM cart.outbox", soci::into(rows); });
  CHECK(rows == 5);
}

TEST_CASE("the HTTP pipeline answers only once what its handler committed asynchronously is on disk") {
  kernel::Database db(migrated_database("async_pipeline"), 2);
  kernel::KernelConfig config;
  kernel::Router router;
  kernel::Metrics metrics;
  std::string written;
  router.add("POST", "/things", [&](kernel::http::Request&) {
    const kernel::AsyncCommits async_commits;
    for (int i = 0; i < 3; ++i) write_a_row(db);
    written = wal_end(db);
    return kernel::http::Response::json(201, "{}");
  });
  kernel::HttpPipeline pipeline(config, router, metrics);
  kernel::http::Request request;
  request.method = "POST";
  request.target = "/things";
  auto response = pipeline.handle(request);
  REQUIRE(response.status == 201);
  CHECK(wal_on_disk_up_to(db, written));
}
