// kernel::Tx::commit_with_next_statement(): the unit's COMMIT goes out in
// the pipeline of its last statement. What must hold is what a COMMIT of its
// own gives: all of the unit or none of it, every refusal raised, and the
// connection fit for the next unit.
#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <stdexcept>
#include <string>

#include "emporium/kernel/database.hpp"
#include "test_database.hpp"

using namespace emporium;
using emporium::testing::migrated_database;
using emporium::testing::module_named;

namespace {

// Counted on a connection of its own: sees only what has committed.
long long committed_outbox_rows(const std::string& conninfo) {
  soci::session other(soci::postgresql, conninfo);
  long long n = -1;
  other << "SELECT count(*) FROM cart.outbox", soci::into(n);
  return n;
}

bool connection_idle(kernel::Database& db) {
  bool idle = false;
  db.with_session([&](soci::session& sql) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    idle = PQtransactionStatus(backend->conn_) == PQTRANS_IDLE;
  });
  return idle;
}

}  // namespace

TEST_CASE("a unit's last statement carries its COMMIT, so the unit has committed when the statement answers") {
  const std::string conninfo = migrated_database("commit_with_last");
  kernel::Database db(conninfo, 1);
  const kernel::ModuleId& cart = module_named("cart");
  long long seen_inside = -1;
  const int answer = db.transact(cart, [&](kernel::Tx& tx) {
    tx.publish("cart.early", 1, "{}");
    tx.commit_with_next_statement();
    int two = 0;
    tx.sql() << "SELECT 1 + 1", soci::into(two);
    // Before transact() returns, another connection already sees the event.
    seen_inside = committed_outbox_rows(conninfo);
    return two;
  });
  CHECK(answer == 2);
  CHECK(seen_inside == 1);
  CHECK(connection_idle(db));

  SUBCASE("nothing runs in the unit after its last statement") {
    CHECK_THROWS_AS(db.transact(cart,
                                [](kernel::Tx& tx) {
                                  tx.commit_with_next_statement();
                                  int one = 0;
                                  tx.sql() << "SELECT 1", soci::into(one);
                                  tx.sql() << "SELECT 1", soci::into(one);
                                }),
                    std::logic_error);
    CHECK_THROWS_AS(db.transact(cart,
                                [](kernel::Tx& tx) {
                                  tx.commit_with_next_statement();
                                  int one = 0;
                                  tx.sql() << "SELECT 1", soci::into(one);
                                  tx.publish("cart.too_late", 1, "{}");
                                }),
                    std::logic_error);
    // Asking to roll back once committed is refused loudly: the event stays.
    CHECK_THROWS_AS(db.transact(cart,
                                [](kernel::Tx& tx) {
                                  tx.publish("cart.kept", 1, "{}");
                                  tx.commit_with_next_statement();
                                  int one = 0;
                                  tx.sql() << "SELECT 1", soci::into(one);
                                  tx.rollback_only();
                                }),
                    std::logic_error);
    CHECK(committed_outbox_rows(conninfo) == 2);
    CHECK(connection_idle(db));
  }

  SUBCASE("a refused last statement, deferred write or COMMIT leaves nothing of the unit") {
    // A deferred unique constraint is checked at the COMMIT, after the
    // statement itself succeeded.
    db.transact(cart, [](kernel::Tx& tx) {
      tx.sql() << "CREATE TEMP TABLE once_only (k integer UNIQUE DEFERRABLE INITIALLY DEFERRED)";
    });
    struct Refusal {
      const char* refused;
      const char* deferred;  // a write queued before the last statement, or null
      const char* last;
      const char* message;
    };
    const Refusal refusals[] = {
        {"the last statement", nullptr, "SELECT 1 / 0", "division by zero"},
        {"a deferred write", "INSERT INTO cart.carts (id) VALUES (NULL)", "SELECT 1", "null value"},
        {"the COMMIT", "INSERT INTO once_only (k) VALUES (1)", "INSERT INTO once_only (k) VALUES (1) RETURNING 1",
         "duplicate key"},
    };
    for (const Refusal& refusal : refusals) {
      CAPTURE(refusal.refused);
      CHECK_THROWS_WITH_AS(db.transact(cart,
                                       [&](kernel::Tx& tx) {
                                         tx.publish("cart.dropped", 1, "{}");
                                         if (refusal.deferred != nullptr) tx.defer(refusal.deferred, {});
                                         tx.commit_with_next_statement();
                                         int one = 0;
                                         tx.sql() << std::string(refusal.last), soci::into(one);
                                       }),
                           doctest::Contains(refusal.message), soci::soci_error);
      CHECK(committed_outbox_rows(conninfo) == 1);
      CHECK(connection_idle(db));
    }
    long long rows = -1;
    db.transact(cart, [&](kernel::Tx& tx) { tx.sql() << "SELECT count(*) FROM once_only", soci::into(rows); });
    CHECK(rows == 0);
  }

  SUBCASE("a handler's Tx inside an enclosing unit cannot end it") {
    int last = 0;
    db.transact(cart, [&](kernel::Tx& tx) {
      kernel::Tx handler(tx);
      handler.commit_with_next_statement();
      int one = 0;
      handler.sql() << "SELECT 1", soci::into(one);
      tx.publish("cart.after_handler", 1, "{}");
      tx.sql() << "SELECT 3", soci::into(last);
    });
    CHECK(last == 3);
    CHECK(committed_outbox_rows(conninfo) == 2);
  }

  SUBCASE("a unit that reads rows through a rowset commits with it") {
    long long total = 0;
    db.transact(cart, [&](kernel::Tx& tx) {
      tx.commit_with_next_statement();
      soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT generate_series(1, 4)");
      for (const auto& row : rows) total += row.get<int>(0);
    });
    CHECK(total == 10);
    CHECK(connection_idle(db));
  }
}
