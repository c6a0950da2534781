#include <doctest/doctest.h>

#include <string>

#include "emporium/kernel/statement_kind.hpp"

using emporium::kernel::is_cacheable_statement;
using emporium::kernel::reads_only;

TEST_CASE("single SELECT/INSERT/UPDATE/DELETE/WITH/VALUES statements are kept prepared, nothing else") {
  CHECK(is_cacheable_statement("SELECT 1"));
  CHECK(is_cacheable_statement("  select id FROM cart.items WHERE cart_id = $1"));
  CHECK(is_cacheable_statement("INSERT INTO t (a) VALUES ($1)"));
  CHECK(is_cacheable_statement("update t set a = 1"));
  CHECK(is_cacheable_statement("DELETE FROM t"));
  CHECK(is_cacheable_statement("WITH x AS (SELECT 1) SELECT * FROM x"));
  CHECK(is_cacheable_statement("VALUES (1)"));
  CHECK_FALSE(is_cacheable_statement("SELECT 1; SELECT 2"));
  CHECK_FALSE(is_cacheable_statement("SAVEPOINT emporium_delivery"));
  CHECK_FALSE(is_cacheable_statement("SET LOCAL ROLE emporium_cart"));
  CHECK_FALSE(is_cacheable_statement("LOCK TABLE t"));
  CHECK_FALSE(is_cacheable_statement(""));
  CHECK_FALSE(is_cacheable_statement(std::string(emporium::kernel::kPlannedEachCall) + "SELECT 1"));
}

TEST_CASE("only a plain SELECT or VALUES counts as reading only, so its unit may end without waiting") {
  CHECK(reads_only("SELECT role FROM users.accounts WHERE id = $1"));
  CHECK(reads_only("select id from catalog.products where id = any($1) for update"));
  CHECK(reads_only("VALUES (1)"));
  CHECK_FALSE(reads_only("WITH gone AS (DELETE FROM t RETURNING id) SELECT count(*) FROM gone"));
  CHECK_FALSE(reads_only("INSERT INTO t VALUES (1)"));
  CHECK_FALSE(reads_only("SELECT pg_notify($1, $2)"));
  CHECK_FALSE(reads_only("SELECT nextval('s')"));
  CHECK_FALSE(reads_only("SELECT SET_CONFIG('role', 'x', true)"));
  CHECK_FALSE(reads_only("SELECT pg_advisory_xact_lock(1)"));
  CHECK_FALSE(reads_only("SELECT 1; DELETE FROM t"));
  CHECK_FALSE(reads_only("SAVEPOINT a"));
}
