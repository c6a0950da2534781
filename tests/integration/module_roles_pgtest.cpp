#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <chrono>
#include <future>
#include <memory>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <thread>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/statement_kind.hpp"
#include "test_database.hpp"

using namespace emporium;
using emporium::testing::all_modules;
using emporium::testing::migrated_database;
using emporium::testing::module_named;

namespace {

long long outbox_rows(kernel::Database& db, const kernel::ModuleId& module) {
  return db.transact(module, [&](kernel::Tx& tx) {
    long long n = 0;
    tx.sql() << "SELECT count(*) FROM \"" + module.schema + "\".outbox", soci::into(n);
    return n;
  });
}

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return predicate();
}

// Has the server end the connection of backend `pid`, as a restart would.
void terminate_backend(const std::string& conninfo, int pid) {
  soci::session admin(soci::postgresql, conninfo);
  admin << "SELECT pg_terminate_backend(:pid)", soci::use(pid);
  CHECK(eventually([&] {
    long long alive = 0;
    admin << "SELECT count(*) FROM pg_stat_activity WHERE pid = :pid", soci::use(pid), soci::into(alive);
    return alive == 0;
  }));
}

// A libpq connection that LISTENs on the outbox channel.
class Listener {
 public:
  explicit Listener(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
    REQUIRE(PQstatus(conn_.get()) == CONNECTION_OK);
    PQclear(PQexec(conn_.get(), "LISTEN emporium_outbox"));
  }
  // Waits up to `limit` for one notification.
  bool notified(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      PQconsumeInput(conn_.get());
      if (PGnotify* notify = PQnotifies(conn_.get())) {
        PQfreemem(notify);
        return true;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
      poll(&fd, 1, static_cast<int>(left.count()));
    }
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

}  // namespace

TEST_CASE("a module's unit of work cannot read or write another module's schema") {
  kernel::Database db(migrated_database("roles_other"), 2);
  const kernel::ModuleId& catalog = module_named("catalog");
  CHECK_THROWS_WITH_AS(db.transact(catalog, [](kernel::Tx& tx) {
                         long long n = 0;
                         tx.sql() << "SELECT count(*) FROM users.outbox", soci::into(n);
                         return n;
                       }),
                       doctest::Contains("permission denied for schema users"), soci::soci_error);
  CHECK_THROWS_WITH_AS(db.transact(catalog, [](kernel::Tx& tx) {
                         tx.sql() << "INSERT INTO orders.outbox (id, name, version, payload) "
                                     "VALUES (gen_random_uuid(), 'x.v1', 1, '{}')";
                       }),
                       doctest::Contains("permission denied for schema orders"), soci::soci_error);
}

TEST_CASE("a module's unit of work reads and writes its own schema") {
  kernel::Database db(migrated_database("roles_own"), 2);
  for (const kernel::ModuleId& module : all_modules()) {
    CAPTURE(module.name);
    CHECK(outbox_rows(db, module) == 0);
    std::string role;
    db.transact(module, [&](kernel::Tx& tx) { tx.sql() << "SELECT current_user", soci::into(role); });
    CHECK(role == module.role());
  }
}

TEST_CASE("the role is local to the unit of work, so a pooled session returns to the login role") {
  kernel::Database db(migrated_database("roles_local"), 1);
  db.transact(module_named("cart"), [](kernel::Tx&) {});
  std::string role;
  db.with_session([&](soci::session& sql) { sql << "SELECT current_user", soci::into(role); });
  CHECK(role == "postgres");
}

TEST_CASE("an event published in a rolled-back unit of work leaves no outbox row and no notification") {
  const std::string conninfo = migrated_database("publish_rollback");
  kernel::Database db(conninfo, 2);
  Listener listener(conninfo);
  const kernel::ModuleId& order = module_named("order");

  db.transact(order, [](kernel::Tx& tx) {
    tx.publish("order.placed.v1", 1, R"({"order_id":"ord_1"})");
    tx.rollback_only();
  });
  CHECK_THROWS_AS(db.transact(order,
                              [](kernel::Tx& tx) {
                                tx.publish("order.placed.v1", 1, R"({"order_id":"ord_2"})");
                                throw std::runtime_error("the change failed");
                              }),
                  std::runtime_error);
  CHECK(outbox_rows(db, order) == 0);
  CHECK_FALSE(listener.notified(std::chrono::milliseconds(300)));
}

TEST_CASE("an event published in a committed unit of work leaves one outbox row and a notification") {
  const std::string conninfo = migrated_database("publish_commit");
  kernel::Database db(conninfo, 2);
  Listener listener(conninfo);
  const kernel::ModuleId& order = module_named("order");

  const std::string id =
      db.transact(order, [](kernel::Tx& tx) { return tx.publish("order.placed.v1", 1, R"({"order_id":"ord_1"})"); });
  CHECK(id.size() == 36);
  CHECK(listener.notified(std::chrono::seconds(5)));
  db.transact(order, [&](kernel::Tx& tx) {
    std::string name;
    int version = 0;
    std::string order_id;
    soci::indicator relayed = soci::i_ok;
    std::string relayed_at;
    tx.sql() << "SELECT name, version, payload->>'order_id', CAST(relayed_at AS text) FROM orders.outbox WHERE id = :id",
        soci::use(id), soci::into(name), soci::into(version), soci::into(order_id), soci::into(relayed_at, relayed);
    CHECK(name == "order.placed.v1");
    CHECK(version == 1);
    CHECK(order_id == "ord_1");
    CHECK(relayed == soci::i_null);
  });
  CHECK(outbox_rows(db, order) == 1);
}

TEST_CASE("a unit of work that finds every connection busy waits and is counted") {
  kernel::Database db(migrated_database("pool_wait"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> holding;
  std::thread holder([&] {
    db.transact(cart, [&](kernel::Tx&) {
      holding.set_value();
      released.wait();
    });
  });
  holding.get_future().wait();
  CHECK(db.in_use() == 1);
  CHECK(db.waits() == 0);
  std::thread waiter([&] { db.transact(cart, [](kernel::Tx&) {}); });
  CHECK(eventually([&] { return db.waits() == 1; }));
  release.set_value();
  holder.join();
  waiter.join();
  CHECK(db.in_use() == 0);
  CHECK(db.waits() == 1);
}

TEST_CASE("a pooled connection closed by the server is replaced on the next lease") {
  const std::string conninfo = migrated_database("pool_reconnect");
  kernel::Database db(conninfo, 1);
  int pid = 0;
  db.with_session([&](soci::session& sql) { sql << "SELECT pg_backend_pid()", soci::into(pid); });
  terminate_backend(conninfo, pid);
  int new_pid = 0;
  db.with_session([&](soci::session& sql) { sql << "SELECT pg_backend_pid()", soci::into(new_pid); });
  CHECK(new_pid != 0);
  CHECK(new_pid != pid);
}

// Every connection keeps its statements prepared (statement_cache.hpp): the
// boundaries must hold for a statement another module prepared first.
TEST_CASE("a statement prepared by one module's unit of work is refused to another module on the same connection") {
  kernel::Database db(migrated_database("roles_cached"), 1);
  const std::string query = "SELECT count(*) FROM users.outbox";
  long long rows = -1;
  db.transact(module_named("user"), [&](kernel::Tx& tx) { tx.sql() << query, soci::into(rows); });
  CHECK(rows == 0);
  CHECK_THROWS_WITH_AS(db.transact(module_named("catalog"), [&](kernel::Tx& tx) { tx.sql() << query, soci::into(rows); }),
                       doctest::Contains("permission denied"), soci::soci_error);
  // And the connection is fine afterwards, for the module that may.
  rows = -1;
  db.transact(module_named("user"), [&](kernel::Tx& tx) { tx.sql() << query, soci::into(rows); });
  CHECK(rows == 0);
}

TEST_CASE("a connection's statement cache starts over when it is full, and its statements keep working") {
  kernel::Database db(migrated_database("roles_cache_full"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  const auto prepared = [&] {
    long long n = 0;
    db.transact(cart, [&](kernel::Tx& tx) { tx.sql() << "SELECT count(*) FROM pg_prepared_statements", soci::into(n); });
    return n;
  };
  // 2,100 distinct texts: past the limit of 2,000.
  db.transact(cart, [&](kernel::Tx& tx) {
    for (int i = 0; i < 2100; ++i) {
      int value = 0;
      tx.sql() << "SELECT " + std::to_string(i), soci::into(value);
      REQUIRE(value == i);
    }
  });
  CHECK(prepared() <= 3);  // the next unit of work began with DEALLOCATE ALL
  CHECK(outbox_rows(db, cart) == 0);
  int value = 0;
  db.transact(cart, [&](kernel::Tx& tx) { tx.sql() << "SELECT 7", soci::into(value); });
  CHECK(value == 7);
}

// Transaction control is prepared once per connection like any statement,
// so no unit of work has its BEGIN, role or COMMIT parsed again.
TEST_CASE("a connection prepares its BEGIN, role and COMMIT once and reuses them") {
  kernel::Database db(migrated_database("roles_prepared_control"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  for (int i = 0; i < 3; ++i) {
    db.transact(cart, [&](kernel::Tx& tx) { tx.publish("cart.test", 1, "{}"); });
    int value = 0;
    db.transact(cart, [&](kernel::Tx& tx) { tx.sql() << "SELECT 1", soci::into(value); });
  }
  const auto copies = [&](const std::string& text) {
    long long n = -1;
    db.transact(cart, [&](kernel::Tx& tx) {
      tx.sql() << "SELECT count(*) FROM pg_prepared_statements WHERE statement = :text", soci::use(text),
          soci::into(n);
    });
    return n;
  };
  CHECK(copies("BEGIN") == 1);
  CHECK(copies("SET LOCAL ROLE \"emporium_cart\"") == 1);
  CHECK(copies("COMMIT") == 1);
  CHECK(outbox_rows(db, cart) == 3);
}

TEST_CASE("events published one after another share one outbox INSERT; a statement between them splits it") {
  kernel::Database db(migrated_database("roles_outbox_rows"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  std::vector<std::string> ids;
  db.transact(cart, [&](kernel::Tx& tx) {
    for (int i = 0; i < 3; ++i) ids.push_back(tx.publish("cart.test", 1, "{\"n\": " + std::to_string(i) + "}"));
    int value = 0;
    tx.sql() << "SELECT 1", soci::into(value);
    ids.push_back(tx.publish("cart.test", 1, "{\"n\": 3}"));
  });
  CHECK(outbox_rows(db, cart) == 4);
  db.transact(cart, [&](kernel::Tx& tx) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      long long n = -1;
      tx.sql() << "SELECT CAST(payload->>'n' AS bigint) FROM cart.outbox WHERE id = CAST(:id AS uuid)",
          soci::use(ids[i]), soci::into(n);
      CHECK(n == static_cast<long long>(i));
    }
    long long three_rows = -1;
    long long one_row = -1;
    tx.sql() << "SELECT count(*) FILTER (WHERE statement LIKE '%cart\".outbox%$12%' AND statement NOT LIKE '%$13%'),"
                " count(*) FILTER (WHERE statement LIKE '%cart\".outbox%$4%' AND statement NOT LIKE '%$5%')"
                " FROM pg_prepared_statements",
        soci::into(three_rows), soci::into(one_row);
    CHECK(three_rows == 1);
    CHECK(one_row == 1);
  });
}

TEST_CASE("a statement marked kPlannedEachCall runs with its parameters but is never kept prepared") {
  kernel::Database db(migrated_database("roles_planned_each_call"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  const std::string marked = std::string(kernel::kPlannedEachCall) + "SELECT count(*) FROM cart.carts WHERE id = :id";
  const std::string unmarked = "SELECT count(*) FROM cart.carts WHERE id <> :id";
  const std::string cart_id = "cart_x";
  long long kept_marked = -1, kept_unmarked = -1;
  db.transact(cart, [&](kernel::Tx& tx) {
    for (int call = 0; call < 7; ++call) {  // past PostgreSQL's five custom plans
      long long rows = -1;
      tx.sql() << marked, soci::use(cart_id), soci::into(rows);
      REQUIRE(rows == 0);
      tx.sql() << unmarked, soci::use(cart_id), soci::into(rows);
      REQUIRE(rows == 0);
    }
    // Compared in full, so that this query does not count itself.
    const std::string marked_text = std::string(kernel::kPlannedEachCall) + "SELECT count(*) FROM cart.carts WHERE id = $1";
    const std::string unmarked_text = "SELECT count(*) FROM cart.carts WHERE id <> $1";
    tx.sql() << "SELECT count(*) FILTER (WHERE statement = :marked), count(*) FILTER (WHERE statement = :unmarked) "
                "FROM pg_prepared_statements",
        soci::use(marked_text, "marked"), soci::use(unmarked_text, "unmarked"), soci::into(kept_marked),
        soci::into(kept_unmarked);
  });
  CHECK(kept_marked == 0);
  CHECK(kept_unmarked == 1);
}

// A unit of work's BEGIN goes out with its first statement
// (statement_cache.hpp), so a connection the server dropped between units
// is only noticed there, and must be replaced without failing the unit.
TEST_CASE("a unit of work on a connection the server dropped runs on a new one") {
  const std::string conninfo = migrated_database("pool_reconnect_unit");
  kernel::Database db(conninfo, 1);
  const kernel::ModuleId& cart = module_named("cart");
  int pid = 0;
  db.transact(cart, [&](kernel::Tx& tx) { tx.sql() << "SELECT pg_backend_pid()", soci::into(pid); });
  terminate_backend(conninfo, pid);
  int new_pid = 0;
  db.transact(cart, [&](kernel::Tx& tx) {
    tx.publish("cart.test", 1, "{}");
    tx.sql() << "SELECT pg_backend_pid()", soci::into(new_pid);
  });
  CHECK(new_pid != 0);
  CHECK(new_pid != pid);
  CHECK(outbox_rows(db, cart) == 1);
}

TEST_CASE("a unit of work whose role is refused fails, and the connection serves the next one") {
  kernel::Database db(migrated_database("roles_refused"), 1);
  const kernel::ModuleId unknown{"ghost", "ghost"};
  int value = 0;
  CHECK_THROWS_AS(db.transact(unknown, [&](kernel::Tx& tx) { tx.sql() << "SELECT 1", soci::into(value); }),
                  soci::soci_error);
  db.transact(module_named("cart"), [&](kernel::Tx& tx) { tx.sql() << "SELECT 5", soci::into(value); });
  CHECK(value == 5);
}

// Read-only units are committed without waiting for the answer; the
// connection collects it before its next command.
TEST_CASE("units that only read and units that write take turns on one connection") {
  kernel::Database db(migrated_database("roles_read_write"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  for (int i = 0; i < 20; ++i) {
    long long before = -1;
    db.transact(cart, [&](kernel::Tx& tx) { tx.sql() << "SELECT count(*) FROM cart.outbox", soci::into(before); });
    CHECK(before == i);
    db.transact(cart, [&](kernel::Tx& tx) { tx.publish("cart.test", 1, "{}"); });
  }
  CHECK(outbox_rows(db, cart) == 20);
  // A unit that runs nothing sends nothing and leaves no transaction open.
  db.transact(cart, [](kernel::Tx&) {});
  std::string status;
  db.with_session([&](soci::session& sql) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    status = PQtransactionStatus(backend->conn_) == PQTRANS_IDLE ? "idle" : "busy";
  });
  CHECK(status == "idle");
  // A failed statement in a read-only unit rolls it back; the next unit is fine.
  CHECK_THROWS_AS(db.transact(cart, [&](kernel::Tx& tx) { tx.sql() << "SELECT 1/0", soci::into(status); }),
                  soci::soci_error);
  CHECK(outbox_rows(db, cart) == 20);
}

// An event's outbox row is not written at publish() but with the unit's next
// statement or its COMMIT (statement_cache.hpp): it must still land exactly
// where a write at publish() would have.
TEST_CASE("an event's outbox row is written in order with the unit's statements and savepoints") {
  kernel::Database db(migrated_database("publish_deferred"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  long long seen = -1;
  db.transact(cart, [&](kernel::Tx& tx) {
    tx.publish("cart.kept", 1, "{}");
    tx.sql() << "SELECT count(*) FROM cart.outbox", soci::into(seen);
    tx.sql() << "SAVEPOINT before_dropped";
    tx.publish("cart.dropped", 1, "{}");
    tx.sql() << "ROLLBACK TO SAVEPOINT before_dropped";
    tx.publish("cart.last", 1, "{}");
  });
  CHECK(seen == 1);
  std::string names;
  db.transact(cart, [&](kernel::Tx& tx) {
    tx.sql() << "SELECT string_agg(name, ',' ORDER BY name) FROM cart.outbox", soci::into(names);
  });
  CHECK(names == "cart.kept,cart.last");
}

TEST_CASE("a refused outbox write fails its unit at the commit, and the connection serves the next one") {
  kernel::Database db(migrated_database("publish_refused"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  // Not JSON: refused by the server only when the row goes out, at the COMMIT.
  CHECK_THROWS_WITH_AS(db.transact(cart,
                                   [](kernel::Tx& tx) {
                                     tx.publish("cart.good", 1, "{}");
                                     tx.publish("cart.bad", 1, "not json");
                                   }),
                       doctest::Contains("invalid input syntax for type json"), soci::soci_error);
  // The same refusal before a statement fails that statement.
  CHECK_THROWS_AS(db.transact(cart,
                              [](kernel::Tx& tx) {
                                tx.publish("cart.bad", 1, "not json");
                                int one = 0;
                                tx.sql() << "SELECT 1", soci::into(one);
                              }),
                  soci::soci_error);
  CHECK(outbox_rows(db, cart) == 0);
  db.transact(cart, [](kernel::Tx& tx) { tx.publish("cart.good", 1, "{}"); });
  CHECK(outbox_rows(db, cart) == 1);
  std::string status;
  db.with_session([&](soci::session& sql) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    status = PQtransactionStatus(backend->conn_) == PQTRANS_IDLE ? "idle" : "busy";
  });
  CHECK(status == "idle");
}

TEST_CASE("a deferred write binds its null values as NULL and lands before the unit's next statement") {
  kernel::Database db(migrated_database("defer_write"), 1);
  const kernel::ModuleId& cart = module_named("cart");
  long long seen = -1, nulls = -1;
  db.transact(cart, [&](kernel::Tx& tx) {
    tx.sql() << "CREATE TEMP TABLE deferred_rows (label text NOT NULL, note text)";
    tx.defer("INSERT INTO deferred_rows (label, note) VALUES ($1, $2)", {std::string("with note"), std::string("n")});
    tx.defer("INSERT INTO deferred_rows (label, note) VALUES ($1, $2)", {std::string("without"), std::nullopt});
    tx.sql() << "SELECT count(*), count(*) FILTER (WHERE note IS NULL) FROM deferred_rows", soci::into(seen),
        soci::into(nulls);
  });
  CHECK(seen == 2);
  CHECK(nulls == 1);
  // A refused deferred write (NULL into NOT NULL) fails the whole unit at its COMMIT.
  CHECK_THROWS_WITH_AS(db.transact(cart,
                                   [](kernel::Tx& tx) {
                                     tx.publish("cart.kept_only_if_committed", 1, "{}");
                                     tx.defer("INSERT INTO cart.carts (id) VALUES ($1)", {std::nullopt});
                                   }),
                       doctest::Contains("null value"), soci::soci_error);
  CHECK(outbox_rows(db, cart) == 0);
}
