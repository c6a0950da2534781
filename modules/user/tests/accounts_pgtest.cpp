// The user module's SQL against a real PostgreSQL, under its own role.
#include <doctest/doctest.h>

#include <map>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/user/accounts.hpp"
#include "test_database.hpp"
#include "user/src/account_store.hpp"
#include "user/src/throttle_store.hpp"
#include "user/src/users_service.hpp"
#include "user/src/user_module_id.hpp"

using namespace emporium;
using namespace emporium::user;

namespace {

kernel::Config fast_config() {
  auto config = kernel::Config::from_defaults(
      kernel::Config::defaults(), R"({"user": {"argon2_opslimit": 1, "argon2_memlimit_bytes": 8192}})",
      [](const std::string&) { return std::optional<std::string>(); }, {});
  REQUIRE(config);
  return config.value();
}

long long count(kernel::Database& db, const std::string& query) {
  return db.transact(user_module_id(), [&](kernel::Tx& tx) {
    long long n = 0;
    tx.sql() << query, soci::into(n);
    return n;
  });
}

}  // namespace

TEST_CASE("create_account stores the account, publishes user.registered and Users reads it back") {
  kernel::Database db(testing::migrated_database("user_accounts"), 2);
  auto id = create_account(db, fast_config(), {"Dee@Example.com", "correct horse battery", "", kernel::Role::seller});
  REQUIRE(id);
  UsersService users(db);
  auto found = users.find(id.value());
  REQUIRE(found);
  CHECK(found->email == "Dee@Example.com");
  CHECK(found->name == "Dee");
  CHECK(found->role == kernel::Role::seller);
  CHECK_FALSE(found->disabled);
  CHECK(users.find_by_email("dee@EXAMPLE.com")->id == id.value());
  CHECK(count(db, "SELECT count(*) FROM users.outbox WHERE name = 'user.registered'") == 1);
  CHECK_FALSE(users.find("usr_unknown"));
  CHECK_FALSE(users.find_by_email("nobody@example.com"));
}

TEST_CASE("Users::find_many reads the live accounts among many ids at once, disabled ones included, each once") {
  kernel::Database db(testing::migrated_database("user_find_many"), 2);
  auto ann = create_account(db, fast_config(), {"ann@example.com", "correct horse battery", "Ann", kernel::Role::customer});
  auto bob = create_account(db, fast_config(), {"bob@example.com", "correct horse battery", "Bob", kernel::Role::customer});
  auto cy = create_account(db, fast_config(), {"cy@example.com", "correct horse battery", "Cy", kernel::Role::seller});
  auto di = create_account(db, fast_config(), {"di@example.com", "correct horse battery", "Di", kernel::Role::customer});
  REQUIRE((ann && bob && cy && di));
  db.transact(user_module_id(), [&](kernel::Tx& tx) {
    AccountChanges disable;
    disable.disabled = true;
    REQUIRE(AccountStore(tx).update(bob.value(), disable));
    REQUIRE(AccountStore(tx).erase(di.value()));
  });
  UsersService users(db);
  auto found = users.find_many({cy.value(), "usr_unknown", bob.value(), ann.value(), di.value(), ann.value(), "it's"});
  std::map<std::string, UserSummary> by_id;
  for (const auto& user : found) by_id.emplace(user.id, user);
  CHECK(found.size() == 3);
  REQUIRE(by_id.size() == 3);
  CHECK(by_id.at(ann.value()).email == "ann@example.com");
  CHECK(by_id.at(ann.value()).name == "Ann");
  CHECK_FALSE(by_id.at(ann.value()).disabled);
  CHECK(by_id.at(bob.value()).disabled);
  CHECK(by_id.at(cy.value()).role == kernel::Role::seller);
  CHECK(users.find_many({}).empty());
}

TEST_CASE("create_account refuses a taken email in any case and invalid fields") {
  kernel::Database db(testing::migrated_database("user_duplicates"), 2);
  REQUIRE(create_account(db, fast_config(), {"dup@example.com", "correct horse battery", "Dup", kernel::Role::admin}));
  auto again = create_account(db, fast_config(), {"DUP@example.com", "correct horse battery", "Dup", kernel::Role::customer});
  REQUIRE_FALSE(again);
  CHECK(again.error().code == "email_taken");
  auto invalid = create_account(db, fast_config(), {"dup2@example.com", "short", "Dup", kernel::Role::customer});
  REQUIRE_FALSE(invalid);
  CHECK(invalid.error().code == "validation_failed");
  CHECK(invalid.error().message == "password must be at least 10 characters");
  CHECK(count(db, "SELECT count(*) FROM users.accounts") == 1);
}

TEST_CASE("throttle records round-trip per scope and key, and clear and prune remove them") {
  kernel::Database db(testing::migrated_database("user_throttle"), 2);
  db.transact(user_module_id(), [](kernel::Tx& tx) {
    ThrottleStore store(tx);
    CHECK(store.load(ThrottleScope::account, "a@example.com").failures == 0);
    store.save(ThrottleScope::account, "a@example.com", {3, 100, 200});
    store.save(ThrottleScope::address, "127.0.0.1", {1, 5000, 0});
  });
  db.transact(user_module_id(), [](kernel::Tx& tx) {
    ThrottleStore store(tx);
    auto locked = store.lock(ThrottleScope::account, "a@example.com");
    CHECK(locked.failures == 3);
    CHECK(locked.window_started == 100);
    CHECK(locked.locked_until == 200);
    CHECK(store.load(ThrottleScope::address, "a@example.com").failures == 0);
    store.prune(1200, 900);  // the account record is stale by then, the address one is not
    CHECK(store.load(ThrottleScope::account, "a@example.com").failures == 0);
    CHECK(store.load(ThrottleScope::address, "127.0.0.1").failures == 1);
    store.clear(ThrottleScope::address, "127.0.0.1");
    CHECK(store.load(ThrottleScope::address, "127.0.0.1").failures == 0);
  });
}
