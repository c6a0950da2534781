#include <doctest/doctest.h>

#include "emporium/kernel/migrations.hpp"

using emporium::kernel::EmbeddedFile;
using emporium::kernel::parse_migrations;
using emporium::kernel::sha256_hex;

TEST_CASE("sha256_hex matches the published test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("parse_migrations reads module, number and name and sorts by module then number") {
  const std::vector<EmbeddedFile> files{
      {"migrations/user/002_addresses.sql", "CREATE TABLE b ();"},
      {"migrations/catalog/001_schema.sql", "SELECT 1;"},
      {"migrations/user/001_schema.sql", "CREATE TABLE a ();"},
  };
  auto parsed = parse_migrations(files);
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->size() == 3);
  CHECK((*parsed)[0].module == "catalog");
  CHECK((*parsed)[0].number == 1);
  CHECK((*parsed)[1].module == "user");
  CHECK((*parsed)[1].number == 1);
  CHECK((*parsed)[1].name == "001_schema.sql");
  CHECK((*parsed)[1].sql == "CREATE TABLE a ();");
  CHECK((*parsed)[1].checksum == sha256_hex("CREATE TABLE a ();"));
  CHECK((*parsed)[2].name == "002_addresses.sql");
  CHECK((*parsed)[2].number == 2);
}

TEST_CASE("parse_migrations ignores files that are not SQL") {
  auto parsed = parse_migrations({{"migrations/user/README.md", "notes"}, {"migrations/user/001_a.sql", ""}});
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->size() == 1);
  CHECK(parsed->front().name == "001_a.sql");
}

TEST_CASE("parse_migrations rejects badly named files and names the file") {
  for (const char* path : {"migrations/user/1_schema.sql", "migrations/user/001schema.sql",
                           "migrations/user/abc_schema.sql", "migrations/user/001_.sql",
                           "migrations/User/001_schema.sql", "migrations/user/000_schema.sql",
                           "migrations/001_schema.sql", "migrations/user/sub/001_schema.sql",
                           "sql/user/001_schema.sql", "migrations/user/001_Schema.sql"}) {
    CAPTURE(path);
    auto parsed = parse_migrations({{path, "SELECT 1;"}});
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == "bad_migration_name");
    CHECK(parsed.error().message.find(path) != std::string::npos);
  }
}

TEST_CASE("parse_migrations rejects two migrations of one module with the same number") {
  auto parsed = parse_migrations({{"migrations/user/001_a.sql", ""}, {"migrations/user/001_b.sql", ""}});
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().code == "duplicate_migration");
}

TEST_CASE("the embedded migrations all have valid names") {
  auto parsed = parse_migrations(emporium::generated::embedded_migrations());
  REQUIRE(parsed.has_value());
  CHECK_FALSE(parsed->empty());
}
