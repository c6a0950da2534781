// The customer messages about orders: each order event, handled as the bus
// would hand it over, queues the right template for the order's customer,
// with amounts as money, honouring the customer's preferences.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"
#include "notification/src/notification_store.hpp"
#include "notification/src/order_notices.hpp"
#include "notification/tests/notification_pgtest_db.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::notification;
using emporium::notification::pgtest::count;
using emporium::notification::pgtest::module;

namespace {

class FakeUsers final : public user::Users {
 public:
  std::map<std::string, user::UserSummary> users;
  int lookups = 0;  // calls of find and find_many
  std::optional<user::UserSummary> find(const std::string& id) override {
    ++lookups;
    auto it = users.find(id);
    if (it == users.end()) return std::nullopt;
    return it->second;
  }
  std::vector<user::UserSummary> find_many(const std::vector<std::string>& ids) override {
    ++lookups;
    std::vector<user::UserSummary> found;
    for (const auto& [id, user] : users) {
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) found.push_back(user);
    }
    return found;
  }
  std::optional<user::UserSummary> find_by_email(const std::string&) override { return std::nullopt; }
};

kernel::Event event(const std::string& id, const std::string& name, const std::string& payload) {
  return {id, name, 1, payload, "2026-11-21T10:00:00Z", "order"};
}

// As the bus hands events over one at a time: a batch of one.
void handle(kernel::Database& db, OrderHandler handler, const kernel::Event& e, user::Users& users) {
  db.transact(module(), [&](kernel::Tx& tx) { handler({e}, tx, users); });
}

// Saves the user's preferences with `setting` off and everything else on.
void switch_off(kernel::Database& db, const std::string& user_id, bool Preferences::*setting) {
  db.transact(module(), [&](kernel::Tx& tx) {
    Preferences preferences;
    preferences.*setting = false;
    NotificationStore(tx).save_preferences(user_id, preferences);
  });
}

struct Fixture {
  kernel::Database db;
  FakeUsers users;
  explicit Fixture(const char* name) : db(testing::migrated_database(name), 2) {
    users.users["c1"] = {"c1", "ann@example.com", "Ann", kernel::Role::customer, false};
    users.users["c2"] = {"c2", "bob@example.com", "Bob", kernel::Role::customer, false};
  }
};

const std::string kItems =
    R"("items":[{"product_id":"p1","variant_id":"v1","seller_id":"s1","name":"Mug","sku":"M","quantity":2,"unit_price_minor":995,"line_total_minor":1990}])";

}  // namespace

TEST_CASE("order.placed queues an order confirmation with the total as money to the customer by email and in-app") {
  Fixture f("notify_order_placed");
  handle(f.db, on_order_placed,
         event("e1", "order.placed",
               R"({"order_id":"o1","customer_id":"c1","currency":"USD","status":"pending_payment",)" + kItems +
                   R"(,"subtotal_minor":1990,"shipping_minor":500,"tax_minor":0,"total_minor":2490})"),
         f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c1' AND template_key = "
                    "'order_confirmation'") == 2);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE channel = 'email' AND recipient = "
                    "'ann@example.com' AND subject = 'Your order o1 is confirmed' AND text_body LIKE '%of 24.90 USD.%'") == 1);
  CHECK(count(f.db, "SELECT count(*) FROM notification.in_app WHERE user_id = 'c1'") == 1);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id <> 'c1'") == 0);
}

TEST_CASE("order.paid queues a payment receipt with the amount paid") {
  Fixture f("notify_order_paid");
  handle(f.db, on_order_paid,
         event("e2", "order.paid",
               R"({"order_id":"o2","customer_id":"c2","currency":"EUR","payment_id":"pay1",)" + kItems +
                   R"(,"subtotal_minor":1990,"shipping_minor":0,"tax_minor":0,"total_minor":1990})"),
         f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c2' AND channel = 'email' "
                    "AND template_key = 'payment_receipt' AND status = 'queued' AND text_body LIKE '%payment of 19.90 EUR for order o2%'") == 1);
}

TEST_CASE("order.shipped queues a shipment notice carrying the tracking number") {
  Fixture f("notify_order_shipped");
  handle(f.db, on_order_shipped,
         event("e3", "order.shipped",
               R"({"order_id":"o3","customer_id":"c1","currency":"USD","shipment_id":"sh1","tracking_number":"TRK-42","carrier":"dhl"})"),
         f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c1' AND channel = 'email' "
                    "AND template_key = 'shipment' AND status = 'queued' AND text_body LIKE '%Tracking number: TRK-42%'") == 1);
}

TEST_CASE("order.cancelled queues a cancellation notice") {
  Fixture f("notify_order_cancelled");
  handle(f.db, on_order_cancelled,
         event("e4", "order.cancelled",
               R"({"order_id":"o4","customer_id":"c1","currency":"USD","reason":"customer","was_paid":true,)" + kItems +
                   R"(,"total_minor":1990,"refunded_minor":1990})"),
         f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c1' AND template_key = "
                    "'cancellation' AND subject = 'Order o4 was cancelled'") == 2);
}

TEST_CASE("order.refunded queues a refund notice with this refund's amount, not the total") {
  Fixture f("notify_order_refunded");
  handle(f.db, on_order_refunded,
         event("e5", "order.refunded",
               R"({"order_id":"o5","customer_id":"c2","currency":"USD","payment_id":"pay5","amount_minor":500,)"
               R"("refunded_minor":500,"total_minor":1990,"status":"partially_refunded",)" + kItems + "}"),
         f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c2' AND channel = 'email' "
                    "AND template_key = 'refund' AND status = 'queued' AND text_body LIKE '%refunded 5.00 USD for order o5%'") == 1);
}

TEST_CASE("order notices honour the customer's preferences: orders off sends nothing, email off keeps in-app") {
  Fixture f("notify_order_prefs");
  switch_off(f.db, "c1", &Preferences::orders);
  switch_off(f.db, "c2", &Preferences::email);
  auto shipped = [](const std::string& id, const std::string& customer) {
    return event(id, "order.shipped",
                 R"({"order_id":"o6","customer_id":")" + customer +
                     R"(","currency":"USD","shipment_id":"sh","tracking_number":"T","carrier":"ups"})");
  };
  handle(f.db, on_order_shipped, shipped("e6", "c1"), f.users);
  handle(f.db, on_order_shipped, shipped("e7", "c2"), f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c1'") == 0);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c2'") == 1);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c2' AND channel = 'in_app'") == 1);
}

TEST_CASE("an order event for an unknown customer queues nothing, and a redelivery queues nothing twice") {
  Fixture f("notify_order_unknown");
  auto placed = [](const std::string& customer) {
    return event("e8", "order.placed",
                 R"({"order_id":"o8","customer_id":")" + customer + R"(","currency":"USD","total_minor":100})");
  };
  handle(f.db, on_order_placed, placed("nobody"), f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries") == 0);
  handle(f.db, on_order_placed, placed("c1"), f.users);
  handle(f.db, on_order_placed, placed("c1"), f.users);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries") == 2);
}

namespace {

// Every delivery with its in-app notification, one line each, in a fixed order.
std::string all_rows(kernel::Database& db) {
  return db.transact(module(), [&](kernel::Tx& tx) {
    std::string rows;
    tx.sql() << "SELECT COALESCE(string_agg(concat_ws('|', d.event_id, d.user_id, d.channel, d.template_key, "
                "d.recipient, d.subject, d.text_body, d.html_body, d.status, d.attempts, d.last_error, "
                "d.sent_at IS NOT NULL, i.user_id, i.title, i.body, i.read_at IS NOT NULL), E'\\n' "
                "ORDER BY d.event_id, d.channel), '') "
                "FROM notification.deliveries d LEFT JOIN notification.in_app i ON i.delivery_id = d.id",
        soci::into(rows);
    return rows;
  });
}

// Customers of every kind a batch meets: c1 and c2 as in Fixture, c3
// disabled, c4 with order notices off, c2 with email off; "nobody" unknown.
struct BatchFixture : Fixture {
  explicit BatchFixture(const char* name) : Fixture(name) {
    users.users["c3"] = {"c3", "cy@example.com", "Cy", kernel::Role::customer, true};
    users.users["c4"] = {"c4", "di@example.com", "Di", kernel::Role::customer, false};
    switch_off(db, "c2", &Preferences::email);
    switch_off(db, "c4", &Preferences::orders);
  }
};

std::vector<kernel::Event> placed_batch() {
  std::vector<kernel::Event> events;
  int n = 0;
  for (const char* customer : {"c1", "nobody", "c2", "c3", "c4", "c1"}) {
    ++n;
    auto id = "b" + std::to_string(n);
    events.push_back(event(id, "order.placed",
                           R"({"order_id":"o)" + id + R"(","customer_id":")" + customer +
                               R"(","currency":"USD","total_minor":)" + std::to_string(1000 + n) + "}"));
  }
  return events;
}

}  // namespace

TEST_CASE("a batch of order events queues exactly the rows that handling them one by one queues, with one lookup") {
  BatchFixture batched("notify_order_batch");
  BatchFixture one_by_one("notify_order_one_by_one");
  const auto events = placed_batch();

  batched.db.transact(module(), [&](kernel::Tx& tx) { on_order_placed(events, tx, batched.users); });
  CHECK(batched.users.lookups == 1);
  for (const auto& e : events) handle(one_by_one.db, on_order_placed, e, one_by_one.users);

  // c1 twice by email and in-app, c2 in-app only; c3 (disabled), c4 (orders
  // off) and the unknown customer nothing.
  CHECK(count(batched.db, "SELECT count(*) FROM notification.deliveries") == 5);
  CHECK(count(batched.db, "SELECT count(*) FROM notification.in_app") == 3);
  CHECK(count(batched.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c1' AND channel = 'email' "
                          "AND subject = 'Your order ob6 is confirmed' AND text_body LIKE '%of 10.06 USD.%'") == 1);
  CHECK(count(batched.db, "SELECT count(*) FROM notification.deliveries WHERE user_id = 'c2' AND channel = "
                          "'in_app' AND event_id = 'b3'") == 1);
  CHECK(count(batched.db, "SELECT count(*) FROM notification.deliveries WHERE user_id IN ('c3', 'c4', 'nobody')") ==
        0);
  const auto rows = all_rows(batched.db);
  CHECK(rows == all_rows(one_by_one.db));
  CHECK(rows.find("Ann") != std::string::npos);
}

TEST_CASE("a redelivered batch of order events writes nothing twice, and its new events once") {
  BatchFixture f("notify_order_batch_again");
  auto events = placed_batch();
  f.db.transact(module(), [&](kernel::Tx& tx) { on_order_placed(events, tx, f.users); });
  const auto first = all_rows(f.db);
  f.db.transact(module(), [&](kernel::Tx& tx) { on_order_placed(events, tx, f.users); });
  CHECK(all_rows(f.db) == first);

  events.push_back(event("b7", "order.placed", R"({"order_id":"ob7","customer_id":"c2","currency":"USD","total_minor":5})"));
  f.db.transact(module(), [&](kernel::Tx& tx) { on_order_placed(events, tx, f.users); });
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries") == 6);
  CHECK(count(f.db, "SELECT count(*) FROM notification.in_app") == 4);
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries WHERE event_id = 'b7'") == 1);
}

TEST_CASE("a batch whose payload is not an object fails as a whole, so the bus hands its events over one by one") {
  Fixture f("notify_order_batch_bad");
  std::vector<kernel::Event> events{
      event("g1", "order.placed", R"({"order_id":"og1","customer_id":"c1","currency":"USD","total_minor":100})"),
      event("g2", "order.placed", "[]")};
  CHECK_THROWS(f.db.transact(module(), [&](kernel::Tx& tx) { on_order_placed(events, tx, f.users); }));
  CHECK(count(f.db, "SELECT count(*) FROM notification.deliveries") == 0);
}
