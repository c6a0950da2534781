// The checkout saga against a real PostgreSQL with the other modules faked:
// the happy path, each compensation, idempotent replay, and the repair of a
// saga interrupted at each step.
#include <doctest/doctest.h>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "order/src/checkout.hpp"
#include "order/src/order_module_id.hpp"
#include "order/src/order_service.hpp"
#include "order/src/order_store.hpp"
#include "order_fakes.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::order;
using namespace emporium::order::testing;

namespace {

const kernel::Principal kBuyer{"usr_buyer", kernel::Role::customer};

struct CheckoutFixture {
  explicit CheckoutFixture(std::string_view prefix, OrderConfig settings = {})
      : db(emporium::testing::migrated_database(prefix), 4),
        config(settings),
        order_metrics(metrics),
        lifecycle(db, OrderPorts{carts, shipping, payments, inventory, users}, order_metrics),
        checkout(db, lifecycle, config),
        orders(db, lifecycle) {}

  CheckoutOutcome place(const std::string& key, const std::string& card = "4242424242424242") {
    CheckoutRequest request;
    request.cart_id = "cart_1";
    request.address = user::PostalAddress{"Erika", "Hauptstr. 1", "", "Berlin", "", "10115", "DE"};
    request.shipping_option_id = "eu:standard";
    request.card = {card, 12, 2099, "123"};
    return checkout.place(kBuyer.user_id, key, request);
  }

  long long scalar(const std::string& query) {
    return db.transact(order_module_id(), [&](kernel::Tx& tx) {
      long long value = 0;
      tx.sql() << query, soci::into(value);
      return value;
    });
  }
  std::string text(const std::string& query) {
    return db.transact(order_module_id(), [&](kernel::Tx& tx) {
      std::string value;
      tx.sql() << query, soci::into(value);
      return value;
    });
  }
  long long events(const std::string& name) {
    return scalar("SELECT count(*) FROM orders.outbox WHERE name = '" + name + "'");
  }
  // As if the saga's process had died long ago.
  void age_sagas() { db.transact(order_module_id(), [](kernel::Tx& tx) {
    tx.sql() << "UPDATE orders.checkout_sagas SET updated_at = now() - interval '1 hour'";
  }); }
  std::string only_order_id() { return text("SELECT order_id FROM orders.checkout_sagas"); }

  kernel::Database db;
  OrderConfig config;
  kernel::Metrics metrics;
  OrderMetrics order_metrics;
  FakeCarts carts;
  FakeShipping shipping;
  FakePayments payments;
  FakeInventory inventory;
  FakeUsers users;
  OrderLifecycle lifecycle;
  Checkout checkout;
  OrderService orders;
};

}  // namespace

TEST_CASE("checkout pays the order, commits its stock, empties the cart and publishes placed and paid") {
  OrderConfig config;
  config.tax_rates = {{"DE", 1900}};
  CheckoutFixture f("order_happy", config);
  auto outcome = f.place("key-1");
  REQUIRE(outcome.order);
  const auto& order = *outcome.order;
  CHECK(order.status == "paid");
  CHECK(order.draft.subtotal_minor == 3499);
  CHECK(order.draft.shipping_minor == 501);
  CHECK(order.draft.tax_minor == 760);  // 4000 * 19 %
  CHECK(order.draft.total_minor == 4760);
  CHECK(order.draft.lines.size() == 2);
  CHECK(order.draft.lines[0].options.at("Color") == "Red");
  REQUIRE(order.payment);
  CHECK(order.payment->last4 == "4242");
  CHECK(order.payment->status == "captured");
  CHECK(f.payments.payments[order.id].amount_minor == 4760);
  CHECK(f.inventory.state(order.id) == "committed");
  CHECK(f.carts.completed["cart_1"] == 1);
  CHECK(f.events("order.placed") == 1);
  CHECK(f.events("order.paid") == 1);
  CHECK(f.text("SELECT step FROM orders.checkout_sagas") == "done");
  CHECK(f.scalar("SELECT count(*) FROM orders.orders WHERE stock_committed") == 1);
  // Each event is stamped with the time of the change it reports.
  CHECK(f.text("SELECT payload->>'occurred_at' FROM orders.outbox WHERE name = 'order.placed'") == order.created_at);
  CHECK(f.text("SELECT payload->>'occurred_at' FROM orders.outbox WHERE name = 'order.paid'") == order.paid_at);
}

TEST_CASE("checkout repeated with the same key answers the same order and charges once") {
  CheckoutFixture f("order_replay");
  auto first = f.place("key-1");
  auto second = f.place("key-1");
  REQUIRE(first.order);
  REQUIRE(second.order);
  CHECK(first.order->id == second.order->id);
  CHECK(f.payments.charges == 1);
  CHECK(f.scalar("SELECT count(*) FROM orders.orders") == 1);
  auto other = f.place("key-2");
  REQUIRE(other.order);
  CHECK(other.order->id != first.order->id);
}

TEST_CASE("checkout with a declined card cancels the order, releases its stock and answers payment_declined") {
  CheckoutFixture f("order_decline");
  auto outcome = f.place("key-1", "4000000000000002");
  CHECK_FALSE(outcome.order);
  CHECK(outcome.error.code == "payment_declined");
  REQUIRE_FALSE(outcome.order_id.empty());
  CHECK(f.inventory.state(outcome.order_id) == "released");
  CHECK(f.text("SELECT status FROM orders.orders") == "cancelled");
  CHECK(f.text("SELECT cancel_reason FROM orders.orders") == "payment_declined");
  CHECK(f.events("order.cancelled") == 1);
  CHECK(f.events("order.paid") == 0);
  CHECK(f.carts.completed["cart_1"] == 0);
  // The same key again: the same answer, no second attempt.
  auto again = f.place("key-1", "4000000000000002");
  CHECK(again.error.code == "payment_declined");
  CHECK(f.payments.charges == 1);
}

TEST_CASE("checkout without stock creates no order and answers insufficient_stock") {
  CheckoutFixture f("order_no_stock");
  f.inventory.out_of_stock = true;
  auto outcome = f.place("key-1");
  CHECK(outcome.error.code == "insufficient_stock");
  CHECK(outcome.order_id.empty());
  CHECK(f.scalar("SELECT count(*) FROM orders.orders") == 0);
  CHECK(f.payments.charges == 0);
  CHECK(f.text("SELECT step FROM orders.checkout_sagas") == "failed");
}

TEST_CASE("checkout with an unknown shipping option or cart writes nothing") {
  CheckoutFixture f("order_invalid");
  CheckoutRequest request;
  request.cart_id = "cart_1";
  request.address_id = "adr_1";
  request.shipping_option_id = "moon:rocket";
  request.card = {"4242424242424242", 12, 2099, "123"};
  CHECK(f.checkout.place("usr_buyer", "k", request).error.code == "invalid_shipping_option");
  request.cart_id = "cart_x";
  CHECK(f.checkout.place("usr_buyer", "k", request).error.code == "cart_not_found");
  request.cart_id = "cart_1";
  request.address_id = "adr_other";
  CHECK(f.checkout.place("usr_buyer", "k", request).error.code == "address_not_found");
  CHECK(f.scalar("SELECT count(*) FROM orders.checkout_sagas") == 0);
}

TEST_CASE("checkout repair releases a reservation left by a crash before the order existed") {
  CheckoutFixture f("order_repair_reserving");
  f.inventory.crash_after_reserve = true;
  CHECK_THROWS(f.place("key-1"));
  auto order_id = f.only_order_id();
  CHECK(f.inventory.state(order_id) == "reserved");
  CHECK_FALSE(f.checkout.repair_one());  // not stale yet
  f.age_sagas();
  CHECK(f.checkout.repair_one());
  CHECK(f.inventory.state(order_id) == "released");
  CHECK(f.text("SELECT step FROM orders.checkout_sagas") == "failed");
  CHECK(f.scalar("SELECT count(*) FROM orders.orders") == 0);
  CHECK_FALSE(f.checkout.repair_one());
}

TEST_CASE("checkout repair cancels an order whose payment never started and releases its stock") {
  CheckoutFixture f("order_repair_uncharged");
  f.payments.crash_before_charge = true;
  CHECK_THROWS(f.place("key-1"));
  auto order_id = f.only_order_id();
  CHECK(f.text("SELECT status FROM orders.orders") == "pending_payment");
  f.age_sagas();
  CHECK(f.checkout.repair_one());
  CHECK(f.text("SELECT status FROM orders.orders") == "cancelled");
  CHECK(f.inventory.state(order_id) == "released");
  CHECK(f.events("order.cancelled") == 1);
  CHECK(f.payments.charges == 0);
}

TEST_CASE("checkout repair finishes an order whose card was charged before the crash") {
  CheckoutFixture f("order_repair_charged");
  f.payments.crash_after_charge = true;
  CHECK_THROWS(f.place("key-1"));
  auto order_id = f.only_order_id();
  f.age_sagas();
  CHECK(f.checkout.repair_one());
  CHECK(f.text("SELECT status FROM orders.orders") == "paid");
  CHECK(f.inventory.state(order_id) == "committed");
  CHECK(f.carts.completed["cart_1"] == 1);
  CHECK(f.events("order.paid") == 1);
  CHECK(f.text("SELECT step FROM orders.checkout_sagas") == "done");
  CHECK(f.payments.charges == 1);
}

TEST_CASE("checkout retried with its key after a crash resumes the saga and charges once") {
  CheckoutFixture f("order_resume");
  f.payments.crash_after_charge = true;
  CHECK_THROWS(f.place("key-1"));
  f.payments.crash_after_charge = false;
  auto outcome = f.place("key-1");
  REQUIRE(outcome.order);
  CHECK(outcome.order->status == "paid");
  CHECK(f.payments.charges == 1);
}

TEST_CASE("checkout in authorize-only mode leaves the order pending until the capture") {
  OrderConfig config;
  config.capture_on_checkout = false;
  CheckoutFixture f("order_authorize", config);
  auto outcome = f.place("key-1");
  REQUIRE(outcome.order);
  CHECK(outcome.order->status == "pending_payment");
  CHECK(outcome.order->payment->status == "authorized");
  CHECK(f.inventory.state(outcome.order->id) == "reserved");
  CHECK(f.text("SELECT step FROM orders.checkout_sagas") == "awaiting_payment");
  payment::PaymentSummary captured = f.payments.payments[outcome.order->id];
  captured.status = "captured";
  auto paid = f.lifecycle.settle_paid(outcome.order->id, captured);
  CHECK(paid->status == "paid");
  CHECK(f.inventory.state(outcome.order->id) == "committed");
}

TEST_CASE("order cancel by its owner refunds the payment and is refused after shipment") {
  CheckoutFixture f("order_cancel");
  auto placed = f.place("key-1");
  REQUIRE(placed.order);
  const auto id = placed.order->id;
  CHECK(f.orders.cancel({"usr_other", kernel::Role::customer}, id).error().code == "not_found");
  auto cancelled = f.orders.cancel(kBuyer, id);
  REQUIRE(cancelled);
  CHECK(cancelled->status == "cancelled");
  CHECK(cancelled->refunded_minor == placed.order->draft.total_minor);
  CHECK(f.payments.payments[id].status == "refunded");
  CHECK(f.inventory.state(id) == "restocked");
  CHECK(f.events("order.cancelled") == 1);
  CHECK(f.orders.cancel(kBuyer, id).error().code == "invalid_transition");

  auto second = f.place("key-2");
  REQUIRE(second.order);
  CHECK(f.orders.set_status(second.order->id, "shipped").error().code == "shipment_required");
  f.shipping.shipments[second.order->id] = {"shp_1", second.order->id, "EP123", "emporium-post", "label_created"};
  auto shipped = f.orders.set_status(second.order->id, "shipped");
  REQUIRE(shipped);
  CHECK(shipped->status == "shipped");
  CHECK(f.events("order.shipped") == 1);
  CHECK(f.orders.cancel(kBuyer, second.order->id).error().code == "invalid_transition");
  CHECK(f.orders.set_status(second.order->id, "paid").error().code == "invalid_transition");
  CHECK(f.orders.set_status(second.order->id, "flying").error().code == "invalid_status");
}

TEST_CASE("order seen by a seller holds only their lines; strangers get not_found") {
  CheckoutFixture f("order_seller");
  auto placed = f.place("key-1");
  REQUIRE(placed.order);
  auto seller = f.orders.get({"usr_seller_a", kernel::Role::seller}, placed.order->id);
  REQUIRE(seller);
  CHECK(seller->seller_id == std::optional<std::string>("usr_seller_a"));
  CHECK(f.orders.get({"usr_seller_c", kernel::Role::seller}, placed.order->id).error().code == "not_found");
  CHECK(f.orders.get({"usr_other", kernel::Role::customer}, placed.order->id).error().code == "not_found");
  CHECK(f.orders.get({"usr_admin", kernel::Role::admin}, placed.order->id).has_value());
  CHECK(f.orders.of_seller("usr_seller_b", {1, 20}).total == 1);
  CHECK(f.orders.of_seller("usr_seller_c", {1, 20}).total == 0);
}

TEST_CASE("order refunds from payment events move the status and publish order.refunded once") {
  CheckoutFixture f("order_refund");
  auto placed = f.place("key-1");
  REQUIRE(placed.order);
  const auto id = placed.order->id;
  auto apply = [&](std::int64_t amount, std::int64_t total) {
    f.db.transact(order_module_id(), [&](kernel::Tx& tx) { f.lifecycle.apply_refund(tx, id, "pay_x", amount, total); });
  };
  apply(1000, 1000);
  CHECK(f.text("SELECT status FROM orders.orders") == "partially_refunded");
  apply(1000, 1000);  // a repeat changes nothing
  CHECK(f.events("order.refunded") == 1);
  apply(placed.order->draft.total_minor - 1000, placed.order->draft.total_minor);
  CHECK(f.text("SELECT status FROM orders.orders") == "refunded");
  CHECK(f.events("order.refunded") == 2);
}

TEST_CASE("order erasure clears the recipient's name and street but keeps the amounts") {
  CheckoutFixture f("order_erasure");
  auto placed = f.place("key-1");
  REQUIRE(placed.order);
  f.db.transact(order_module_id(), [&](kernel::Tx& tx) { f.orders.erase_personal_data(tx, "usr_buyer"); });
  auto order = f.orders.get(kBuyer, placed.order->id);
  REQUIRE(order);
  CHECK(order->order.draft.address.name.empty());
  CHECK(order->order.draft.address.line1.empty());
  CHECK(order->order.draft.address.country == "DE");
  CHECK(order->order.draft.total_minor == placed.order->draft.total_minor);
}
