// The customer messages about orders: each order event, handled as the bus
// would hand it over, queues the right template for the order's customer,
// with amounts as money, honouring the customer's preferences.
#include <doctest/doctest.h>

#include <map>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"
#include "notification/src/notification_store.hpp"
#include "notification/src/order_notices.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::notification;

namespace {

const kernel::ModuleId& module() {
  static const kernel::ModuleId id{"notification", "notification"};
  return id;
}

class FakeUsers final : public user::Users {
 public:
  std::map<std::string, user::UserSummary> users;
  std::optional<user::UserSummary> find(const std::string& id) override {
    auto it = users.find(id);
    if (it == users.end()) return std::nullopt;
    return it->second;
  }
  std::optional<user::UserSummary> find_by_email(const std::string&) override { return std::nullopt; }
};

long long count(kernel::Database& db, const std::string& query) {
  return db.transact(module(), [&](kernel::Tx& tx) {
    long long n = 0;
    tx.sql() << query, soci::into(n);
    return n;
  });
}

kernel::Event event(const std::string& id, const std::string& name, const std::string& payload) {
  return {id, name, 1, payload, "2026-11-21T10:00:00Z", "order"};
}

using Handler = void (*)(const kernel::Event&, kernel::Tx&, user::Users&);

void handle(kernel::Database& db, Handler handler, const kernel::Event& e, user::Users& users) {
  db.transact(module(), [&](kernel::Tx& tx) { handler(e, tx, users); });
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
  f.db.transact(module(), [&](kernel::Tx& tx) {
    Preferences no_orders;
    no_orders.orders = false;
    NotificationStore(tx).save_preferences("c1", no_orders);
    Preferences no_email;
    no_email.email = false;
    NotificationStore(tx).save_preferences("c2", no_email);
  });
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
