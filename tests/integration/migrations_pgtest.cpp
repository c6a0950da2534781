#include <doctest/doctest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <string>
#include <thread>

#include "emporium/kernel/migrations.hpp"
#include "test_database.hpp"

using namespace emporium;
using emporium::testing::all_modules;
using emporium::testing::fresh_database;

namespace {

std::vector<kernel::Migration> embedded() {
  auto parsed = kernel::parse_migrations(generated::embedded_migrations());
  REQUIRE(parsed.has_value());
  return *parsed;
}

kernel::Migration migration(const std::string& module, int number, const std::string& sql) {
  kernel::Migration m;
  m.module = module;
  m.number = number;
  m.name = (number < 10 ? "00" : "0") + std::to_string(number) + "_test.sql";
  m.sql = sql;
  m.checksum = kernel::sha256_hex(sql);
  return m;
}

long long count(soci::session& sql, const std::string& query) {
  long long n = -1;
  sql << query, soci::into(n);
  return n;
}

}  // namespace

TEST_CASE("migrations create every module's schema, role and event tables and record checksums") {
  const std::string db = fresh_database("migrate_all");
  const auto migrations = embedded();
  const auto report = kernel::apply_migrations(db, all_modules(), migrations);
  REQUIRE_MESSAGE(report.has_value(), report.error().message);
  CHECK(report->applied == static_cast<int>(migrations.size() + all_modules().size()));
  CHECK(report->already_applied == 0);

  soci::session sql(soci::postgresql, db);
  CHECK(count(sql, "SELECT count(*) FROM emporium_meta.schema_migrations") == report->applied);
  for (const kernel::Migration& m : migrations) {
    CAPTURE(m.module);
    CAPTURE(m.name);
    std::string checksum;
    std::string name;
    sql << "SELECT checksum, name FROM emporium_meta.schema_migrations WHERE module = :m AND number = :n",
        soci::use(m.module), soci::use(m.number), soci::into(checksum), soci::into(name);
    CHECK(checksum == m.checksum);
    CHECK(name == m.name);
  }
  for (const kernel::ModuleId& module : all_modules()) {
    CAPTURE(module.name);
    std::string owner;
    sql << "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = :s", soci::use(module.schema),
        soci::into(owner);
    CHECK(owner == module.role());
    CHECK(count(sql, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + module.schema +
                         "' AND tableowner = '" + module.role() + "' AND tablename IN ('outbox', 'inbox')") == 2);
    CHECK(count(sql, "SELECT count(*) FROM pg_roles WHERE rolname = '" + module.role() + "' AND NOT rolcanlogin") ==
          1);
    CHECK(count(sql, "SELECT count(*) FROM emporium_meta.schema_migrations WHERE module = '" + module.name +
                         "' AND number = 0 AND name = '000_event_tables.sql' AND length(checksum) = 64") == 1);
  }
  auto up_to_date = kernel::migrations_up_to_date(sql, migrations);
  REQUIRE(up_to_date.has_value());
  CHECK(*up_to_date);
}

TEST_CASE("a second migration run applies nothing") {
  const std::string db = fresh_database("migrate_twice");
  const auto migrations = embedded();
  const auto first = kernel::apply_migrations(db, all_modules(), migrations);
  REQUIRE_MESSAGE(first.has_value(), first.error().message);
  const auto second = kernel::apply_migrations(db, all_modules(), migrations);
  REQUIRE_MESSAGE(second.has_value(), second.error().message);
  CHECK(second->applied == 0);
  CHECK(second->already_applied == first->applied);
}

TEST_CASE("an edited applied migration stops the run with checksum_mismatch naming the file") {
  const std::string db = fresh_database("migrate_edited");
  auto migrations = embedded();
  REQUIRE(kernel::apply_migrations(db, all_modules(), migrations).has_value());
  kernel::Migration& edited = migrations.back();
  edited.sql += "\n-- an afterthought\n";
  edited.checksum = kernel::sha256_hex(edited.sql);
  const std::string edited_label = edited.module + "/" + edited.name;
  migrations.push_back(migration(edited.module, 900, "CREATE TABLE never_created (id int);"));

  const auto report = kernel::apply_migrations(db, all_modules(), migrations);
  REQUIRE_FALSE(report.has_value());
  CHECK(report.error().code == "checksum_mismatch");
  CHECK(report.error().message.find(edited_label) != std::string::npos);
  soci::session sql(soci::postgresql, db);
  CHECK(count(sql, "SELECT count(*) FROM emporium_meta.schema_migrations WHERE number = 900") == 0);
  auto up_to_date = kernel::migrations_up_to_date(sql, migrations);
  REQUIRE(up_to_date.has_value());
  CHECK_FALSE(*up_to_date);
}

TEST_CASE("two concurrent migration runs on one database apply each migration once") {
  const std::string db = fresh_database("migrate_race");
  const auto migrations = embedded();
  kernel::Result<kernel::MigrationReport> first = kernel::Error{"not_run", ""};
  kernel::Result<kernel::MigrationReport> second = kernel::Error{"not_run", ""};
  std::thread a([&] { first = kernel::apply_migrations(db, all_modules(), migrations); });
  std::thread b([&] { second = kernel::apply_migrations(db, all_modules(), migrations); });
  a.join();
  b.join();
  REQUIRE_MESSAGE(first.has_value(), first.error().message);
  REQUIRE_MESSAGE(second.has_value(), second.error().message);
  const int total = static_cast<int>(migrations.size() + all_modules().size());
  CHECK(first->applied + second->applied == total);
  CHECK(first->already_applied + second->already_applied == total);
  soci::session sql(soci::postgresql, db);
  CHECK(count(sql, "SELECT count(*) FROM emporium_meta.schema_migrations") == total);
}

TEST_CASE("a failing migration is rolled back and not recorded while earlier ones stay") {
  const std::string db = fresh_database("migrate_failing");
  const std::vector<kernel::ModuleId> modules{{"mtest_fail", "mtest_fail"}};
  std::vector<kernel::Migration> migrations{
      migration("mtest_fail", 1, "CREATE TABLE mtest_fail.kept (id int);"),
      migration("mtest_fail", 2, "CREATE TABLE mtest_fail.half (id int);\nSELEC broken;"),
  };
  const auto report = kernel::apply_migrations(db, modules, migrations);
  REQUIRE_FALSE(report.has_value());
  CHECK(report.error().code == "migration_failed");
  CHECK(report.error().message.find("mtest_fail/002_test.sql") != std::string::npos);

  soci::session sql(soci::postgresql, db);
  CHECK(count(sql, "SELECT count(*) FROM pg_tables WHERE schemaname = 'mtest_fail' AND tablename = 'kept'") == 1);
  CHECK(count(sql, "SELECT count(*) FROM pg_tables WHERE schemaname = 'mtest_fail' AND tablename = 'half'") == 0);
  CHECK(count(sql, "SELECT count(*) FROM emporium_meta.schema_migrations WHERE module = 'mtest_fail'") == 2);
  CHECK(count(sql, "SELECT count(*) FROM emporium_meta.schema_migrations WHERE number = 2") == 0);

  migrations[1] = migration("mtest_fail", 2, "CREATE TABLE mtest_fail.half (id int);");
  const auto fixed = kernel::apply_migrations(db, modules, migrations);
  REQUIRE_MESSAGE(fixed.has_value(), fixed.error().message);
  CHECK(fixed->applied == 1);
  CHECK(fixed->already_applied == 2);
}

TEST_CASE("a migration runs as its module's role, so the tables it creates belong to that role") {
  const std::string db = fresh_database("migrate_owner");
  const std::vector<kernel::ModuleId> modules{{"mtest_owner", "mtest_owner"}};
  const auto report = kernel::apply_migrations(
      db, modules, {migration("mtest_owner", 1, "CREATE TABLE things (id int);\nDO $$ DECLARE x int; BEGIN x := 1; END $$;")});
  REQUIRE_MESSAGE(report.has_value(), report.error().message);
  soci::session sql(soci::postgresql, db);
  std::string owner;
  sql << "SELECT tableowner FROM pg_tables WHERE schemaname = 'mtest_owner' AND tablename = 'things'",
      soci::into(owner);
  CHECK(owner == "emporium_mtest_owner");
}

TEST_CASE("a migration for a module that is not registered is an error") {
  const std::string db = fresh_database("migrate_unknown");
  const auto report = kernel::apply_migrations(db, {{"mtest_known", "mtest_known"}},
                                               {migration("mtest_nobody", 1, "SELECT 1;")});
  REQUIRE_FALSE(report.has_value());
  CHECK(report.error().code == "unknown_module");
  CHECK(report.error().message.find("mtest_nobody/001_test.sql") != std::string::npos);
}

TEST_CASE("migrations_up_to_date is false before any run and when a migration is pending") {
  const std::string db = fresh_database("migrate_pending");
  soci::session sql(soci::postgresql, db);
  const std::vector<kernel::ModuleId> modules{{"mtest_pending", "mtest_pending"}};
  std::vector<kernel::Migration> migrations{migration("mtest_pending", 1, "CREATE TABLE a (id int);")};
  auto before = kernel::migrations_up_to_date(sql, migrations);
  REQUIRE(before.has_value());
  CHECK_FALSE(*before);
  REQUIRE(kernel::apply_migrations(db, modules, migrations).has_value());
  CHECK(kernel::migrations_up_to_date(sql, migrations).value());
  migrations.push_back(migration("mtest_pending", 2, "CREATE TABLE b (id int);"));
  CHECK_FALSE(kernel::migrations_up_to_date(sql, migrations).value());
}
