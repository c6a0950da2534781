// Reservations against a real PostgreSQL: never oversell under concurrency,
// all or nothing, idempotent by order id, commit, release and expiry.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "emporium/kernel/periodic_job.hpp"
#include "inventory_fixture.hpp"

using namespace emporium;
using namespace emporium::inventory;
using namespace emporium::inventory::testing;

namespace {

std::string make_second_warehouse(InventoryFixture& f) { return f.add_warehouse("East", "EAST"); }

// Makes every held reservation due now, as if its time had passed.
void age_reservations(InventoryFixture& f) {
  f.db.transact(inventory_module_id(), [](kernel::Tx& tx) {
    tx.sql() << "UPDATE inventory.reservations SET expires_at = now() - interval '1 second' WHERE status = 'reserved'";
  });
}

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return predicate();
}

}  // namespace

TEST_CASE("60 concurrent reservations of one unit each reserve exactly the 10 in stock, never more") {
  InventoryFixture f("inventory_race", 8);
  f.catalog.add_product("prod_race", "usr_seller");
  std::string east = make_second_warehouse(f);
  f.put("prod_race_v1", 6);
  f.put("prod_race_v1", 4, east);

  constexpr int kOrders = 60;
  std::atomic<int> reserved{0}, refused{0}, other{0};
  std::atomic<bool> running{true};
  std::atomic<long long> lowest_available{10};
  // Watches the stock while the race runs: available never goes below zero.
  std::thread watcher([&] {
    while (running) {
      long long lowest = f.scalar("SELECT COALESCE(min(on_hand - reserved), 0) FROM inventory.stock");
      if (lowest < lowest_available) lowest_available = lowest;
    }
  });
  std::vector<std::thread> buyers;
  std::atomic<bool> go{false};
  for (int i = 0; i < kOrders; ++i) {
    buyers.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      auto outcome = f.service.reserve("ord_" + std::to_string(i), {{"prod_race_v1", 1}});
      if (outcome) {
        ++reserved;
      } else if (outcome.error().code == "insufficient_stock") {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  go = true;
  for (auto& buyer : buyers) buyer.join();
  running = false;
  watcher.join();

  CHECK(reserved == 10);
  CHECK(refused == kOrders - 10);
  CHECK(other == 0);
  CHECK(lowest_available >= 0);
  auto level = f.level("prod_race_v1");
  CHECK(level.on_hand == 10);
  CHECK(level.reserved == 10);
  CHECK(level.available() == 0);
  CHECK(f.scalar("SELECT sum(quantity) FROM inventory.reservation_lines") == 10);
  CHECK(f.scalar("SELECT sum(reserved) FROM inventory.stock") == 10);
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservations WHERE status = 'reserved'") == 10);
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservations WHERE status = 'rejected'") == kOrders - 10);
  CHECK(f.service.available("prod_race_v1") == 0);
}

TEST_CASE("concurrent two-line orders that name their lines in opposite orders neither deadlock nor oversell") {
  InventoryFixture f("inventory_crossed", 6);
  f.catalog.add_product("prod_a", "usr_seller");
  f.catalog.add_product("prod_b", "usr_seller");
  f.put("prod_a_v1", 15);
  f.put("prod_b_v1", 15);
  std::atomic<int> reserved{0}, failed{0};
  std::vector<std::thread> buyers;
  for (int i = 0; i < 40; ++i) {
    buyers.emplace_back([&, i] {
      std::vector<ReservationLine> lines{{"prod_a_v1", 1}, {"prod_b_v1", 1}};
      if (i % 2) std::swap(lines[0], lines[1]);
      auto outcome = f.service.reserve("ord_x" + std::to_string(i), lines);
      if (outcome) ++reserved; else if (outcome.error().code == "insufficient_stock") ++failed;
    });
  }
  for (auto& buyer : buyers) buyer.join();
  CHECK(reserved == 15);
  CHECK(failed == 25);
  CHECK(f.level("prod_a_v1").available() == 0);
  CHECK(f.level("prod_b_v1").available() == 0);
}

TEST_CASE("a reservation is all or nothing: a second line without stock leaves the first untouched") {
  InventoryFixture f("inventory_all_or_nothing");
  f.catalog.add_product("prod_a", "usr_seller");
  f.catalog.add_product("prod_b", "usr_seller");
  f.put("prod_a_v1", 5);
  f.put("prod_b_v1", 1);
  long long events_before = f.events("inventory.stock_changed");

  auto outcome = f.service.reserve("ord_1", {{"prod_a_v1", 2}, {"prod_b_v1", 3}});
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().code == "insufficient_stock");
  CHECK(outcome.error().message == "Not enough stock of prod_b_v1: 3 requested, 1 available.");
  CHECK(f.level("prod_a_v1").reserved == 0);
  CHECK(f.level("prod_b_v1").reserved == 0);
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservation_lines") == 0);
  CHECK(f.events("inventory.stock_changed") == events_before);

  // The refusal is the order's outcome: a repeat answers it again, even once stock arrived.
  f.put("prod_b_v1", 10);
  auto again = f.service.reserve("ord_1", {{"prod_a_v1", 2}, {"prod_b_v1", 3}});
  REQUIRE_FALSE(again);
  CHECK(again.error().code == "insufficient_stock");
  CHECK(f.level("prod_b_v1").reserved == 0);
  CHECK(f.service.commit("ord_1").error().code == "not_reserved");
  REQUIRE(f.service.release("ord_1"));
  CHECK(f.level("prod_a_v1").available() == 5);
}

TEST_CASE("a variant the inventory never stocked cannot be reserved") {
  InventoryFixture f("inventory_unknown_variant");
  auto outcome = f.service.reserve("ord_1", {{"var_nowhere", 1}});
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().code == "insufficient_stock");
  CHECK(f.service.available("var_nowhere") == 0);
  CHECK(f.service.reserve("", {{"var_nowhere", 1}}).error().code == "validation_failed");
  CHECK(f.service.reserve("ord_2", {}).error().code == "validation_failed");
}

TEST_CASE("reserving again for the same order returns the first outcome and holds the stock once") {
  InventoryFixture f("inventory_idempotent");
  f.catalog.add_product("prod_a", "usr_seller");
  f.put("prod_a_v1", 5);
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 2}}));
  // The same lines, written differently, are the same request.
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 1}, {"prod_a_v1", 1}}));
  CHECK(f.level("prod_a_v1").reserved == 2);
  auto other = f.service.reserve("ord_1", {{"prod_a_v1", 3}});
  REQUIRE_FALSE(other);
  CHECK(other.error().code == "idempotency_mismatch");
  CHECK(f.level("prod_a_v1").reserved == 2);
  CHECK(f.service.available_many({"prod_a_v1", "var_unknown"}) ==
        std::map<std::string, std::int64_t>{{"prod_a_v1", 3}, {"var_unknown", 0}});
}

TEST_CASE("commit turns the reservation into a sale once; release afterwards changes nothing") {
  InventoryFixture f("inventory_commit");
  f.catalog.add_product("prod_a", "usr_seller");
  std::string east = make_second_warehouse(f);
  f.put("prod_a_v1", 2);
  f.put("prod_a_v1", 5, east);
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 4}}));
  auto held = f.level("prod_a_v1");
  CHECK(held.warehouses.at(0).reserved == 2);
  CHECK(held.warehouses.at(1).reserved == 2);

  REQUIRE(f.service.commit("ord_1"));
  auto sold = f.level("prod_a_v1");
  CHECK(sold.on_hand == 3);
  CHECK(sold.reserved == 0);
  CHECK(sold.warehouses.at(0).on_hand == 0);
  CHECK(sold.warehouses.at(1).on_hand == 3);
  REQUIRE(f.service.commit("ord_1"));
  REQUIRE(f.service.release("ord_1"));
  CHECK(f.level("prod_a_v1").on_hand == 3);
  CHECK(f.service.commit("ord_unknown").error().code == "not_found");
  CHECK(f.service.reserve("ord_1", {{"prod_a_v1", 4}}));  // the first outcome, nothing new held
  CHECK(f.level("prod_a_v1").reserved == 0);
}

TEST_CASE("restock puts a cancelled sale back where it was taken from, once; a held reservation is released") {
  InventoryFixture f("inventory_restock");
  f.catalog.add_product("prod_a", "usr_seller");
  std::string east = make_second_warehouse(f);
  f.put("prod_a_v1", 2);
  f.put("prod_a_v1", 5, east);
  REQUIRE(f.service.reserve("ord_sold", {{"prod_a_v1", 4}}));
  REQUIRE(f.service.commit("ord_sold"));
  CHECK(f.level("prod_a_v1").on_hand == 3);

  REQUIRE(f.service.restock("ord_sold"));
  auto back = f.level("prod_a_v1");
  CHECK(back.on_hand == 7);
  CHECK(back.reserved == 0);
  CHECK(back.warehouses.at(0).on_hand == 2);
  CHECK(back.warehouses.at(1).on_hand == 5);
  REQUIRE(f.service.restock("ord_sold"));
  CHECK(f.service.commit("ord_sold").error().code == "reservation_restocked");
  CHECK(f.level("prod_a_v1").on_hand == 7);

  REQUIRE(f.service.reserve("ord_held", {{"prod_a_v1", 3}}));
  CHECK(f.level("prod_a_v1").reserved == 3);
  REQUIRE(f.service.restock("ord_held"));
  CHECK(f.level("prod_a_v1").reserved == 0);
  CHECK(f.level("prod_a_v1").on_hand == 7);
  REQUIRE(f.service.restock("ord_never"));
}

TEST_CASE("release gives the stock back once; a released order never reserves again") {
  InventoryFixture f("inventory_release");
  f.catalog.add_product("prod_a", "usr_seller");
  f.put("prod_a_v1", 5);
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 5}}));
  CHECK(f.service.available("prod_a_v1") == 0);
  REQUIRE(f.service.release("ord_1"));
  CHECK(f.service.available("prod_a_v1") == 5);
  REQUIRE(f.service.release("ord_1"));
  CHECK(f.service.available("prod_a_v1") == 5);
  CHECK(f.service.reserve("ord_1", {{"prod_a_v1", 5}}).error().code == "reservation_released");
  CHECK(f.service.commit("ord_1").error().code == "reservation_released");

  // A release that overtakes its reserve (a saga's compensation) wins.
  REQUIRE(f.service.release("ord_2"));
  CHECK(f.service.reserve("ord_2", {{"prod_a_v1", 1}}).error().code == "reservation_released");
  CHECK(f.service.available("prod_a_v1") == 5);
}

TEST_CASE("reservations expire after their time and the stock comes back; commit then fails") {
  InventoryFixture f("inventory_expiry");
  f.catalog.add_product("prod_a", "usr_seller");
  f.put("prod_a_v1", 5);
  REQUIRE(f.service.reserve("ord_1", {{"prod_a_v1", 3}}));
  REQUIRE(f.service.reserve("ord_2", {{"prod_a_v1", 2}}));
  CHECK_FALSE(f.service.expire_one());  // 15 minutes are not over yet
  CHECK(f.service.available("prod_a_v1") == 0);

  age_reservations(f);
  CHECK(f.service.expire_one());
  CHECK(f.service.expire_one());
  CHECK_FALSE(f.service.expire_one());
  CHECK(f.service.available("prod_a_v1") == 5);
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservations WHERE status = 'expired'") == 2);
  CHECK(f.service.commit("ord_1").error().code == "reservation_expired");
  CHECK(f.service.reserve("ord_1", {{"prod_a_v1", 3}}).error().code == "reservation_expired");
  REQUIRE(f.service.release("ord_2"));
  CHECK(f.service.available("prod_a_v1") == 5);
}

TEST_CASE("the expiry jobs of two instances release every due reservation exactly once") {
  InventoryConfig settings;
  settings.reservation_ttl = std::chrono::seconds(1);
  InventoryFixture f("inventory_expiry_job", 6, settings);
  InventoryService other_instance(f.db, settings, f.metrics);
  f.catalog.add_product("prod_a", "usr_seller");
  f.put("prod_a_v1", 40);
  for (int i = 0; i < 20; ++i) REQUIRE(f.service.reserve("ord_" + std::to_string(i), {{"prod_a_v1", 2}}));
  CHECK(f.service.available("prod_a_v1") == 0);

  kernel::PeriodicJob first("inventory", "reservation expiry", [&] { return f.service.expire_one(); }, std::chrono::milliseconds(50));
  kernel::PeriodicJob second("inventory", "reservation expiry", [&] { return other_instance.expire_one(); }, std::chrono::milliseconds(50));
  first.start();
  second.start();
  CHECK(eventually([&] { return f.service.available("prod_a_v1") == 40; }));
  first.stop();
  second.stop();
  auto level = f.level("prod_a_v1");
  CHECK(level.on_hand == 40);
  CHECK(level.reserved == 0);
  CHECK(f.scalar("SELECT count(*) FROM inventory.reservations WHERE status = 'expired'") == 20);
}
