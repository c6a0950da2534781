// The rate table, shipments, labels and tracking against a real
// PostgreSQL, with a fake ShippableOrders in place of the order module.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <thread>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/services.hpp"
#include "emporium/shipping/shippable_orders.hpp"
#include "shipping/src/emporium_post.hpp"
#include "shipping/src/shipping_module_id.hpp"
#include "shipping/src/shipping_service.hpp"
#include "shipping/src/tracking_number.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::shipping;

namespace {

const kernel::Principal kAdmin{"usr_admin", kernel::Role::admin};
const kernel::Principal kCustomer{"usr_customer", kernel::Role::customer};
const kernel::Principal kStranger{"usr_stranger", kernel::Role::customer};

const char* kRates = R"({"currency": "USD", "free_shipping_thresholds": {"USD": 100}, "zones": [
  {"id": "us", "name": "US", "countries": ["US"], "services": [
    {"service": "standard", "name": "Standard", "carrier": "emporium-post", "estimated_days": 5,
     "brackets": [{"max_weight_grams": 1000, "price": 5}, {"max_weight_grams": 5000, "price": 9}]},
    {"service": "express", "name": "Express", "carrier": "emporium-post", "estimated_days": 2, "flat_price": 25}]}]})";

class FakeOrders final : public ShippableOrders {
 public:
  std::optional<ShippableOrder> find(const std::string& order_id) override {
    auto it = orders.find(order_id);
    if (it == orders.end()) return std::nullopt;
    return it->second;
  }
  void add(const std::string& id, const std::string& status, const std::string& customer = kCustomer.user_id) {
    orders[id] = ShippableOrder{id, customer, status,
                                user::PostalAddress{"Ada Lovelace", "12 Analytical Way", "", "London", "", "N1 9GU", "GB"},
                                1250, "us:express", "emporium-post", "express"};
  }
  std::map<std::string, ShippableOrder> orders;
};

ShippingConfig test_config() {
  ShippingConfig config;
  auto parsed = parse_rate_table(boost::json::parse(kRates).as_object(), {kEmporiumPost});
  REQUIRE(parsed.table);
  config.default_rates = *parsed.table;
  config.sender = {"Emporium Fulfilment", "100 Market Street", "", "San Francisco", "CA", "94105", "US"};
  return config;
}

struct ShippingFixture {
  explicit ShippingFixture(std::string_view prefix, bool with_orders = true)
      : db(emporium::testing::migrated_database(prefix), 4) {
    carriers->add(std::make_shared<EmporiumPost>());
    if (with_orders) services.provide<ShippableOrders>(orders);
    service = std::make_unique<ShippingService>(db, services, test_config(), carriers);
  }

  long long scalar(const std::string& query) {
    return db.transact(shipping_module_id(), [&](kernel::Tx& tx) {
      long long value = 0;
      tx.sql() << query, soci::into(value);
      return value;
    });
  }

  void order_event(const std::string& order_id, const std::string& status) {
    db.transact(shipping_module_id(), [&](kernel::Tx& tx) {
      service->record_status(tx, order_id, status, status == kShipped ? "Handed to the carrier" : "Delivered");
    });
  }

  kernel::Database db;
  kernel::Services services;
  std::shared_ptr<FakeOrders> orders = std::make_shared<FakeOrders>();
  std::shared_ptr<Carriers> carriers = std::make_shared<Carriers>();
  std::unique_ptr<ShippingService> service;
};

boost::json::object table_with_express_price(const std::string& price) {
  auto body = boost::json::parse(kRates).as_object();
  body["zones"].as_array()[0].as_object()["services"].as_array()[1].as_object()["flat_price"] =
      boost::json::parse(price);
  return body;
}

}  // namespace

TEST_CASE("the configured rates apply until an admin saves a table, which becomes the next version") {
  ShippingFixture f("shipping_rates");
  auto defaults = f.service->rates();
  CHECK(defaults->version == 0);
  CHECK(defaults->updated_at.empty());
  CHECK(f.service->quote({"US", 100, 0, "USD"})->at(1).price_minor == 2500);

  auto saved = f.service->replace_rates(table_with_express_price("30"), kAdmin.user_id);
  REQUIRE(std::holds_alternative<RateTable>(saved));
  CHECK(std::get<RateTable>(saved).version >= 1);
  auto active = f.service->rates();
  CHECK(active->version == std::get<RateTable>(saved).version);
  CHECK_FALSE(active->updated_at.empty());
  CHECK(f.service->quote({"US", 100, 0, "USD"})->at(1).price_minor == 3000);

  auto again = f.service->replace_rates(table_with_express_price("31.5"), kAdmin.user_id);
  CHECK(std::get<RateTable>(again).version > active->version);
  CHECK(f.service->option_for({"US", 100, 0, "USD"}, "us:express")->price_minor == 3150);
  CHECK(f.scalar("SELECT count(*) FROM shipping.rate_tables") == 2);
}

TEST_CASE("rates come from this instance's copy while its feed is alive; a replacement anywhere reaches it") {
  ShippingFixture f("shipping_rates_feed");
  ShippingService other(f.db, f.services, test_config(), f.carriers);  // another instance
  f.service->start_rates_feed();
  other.start_rates_feed();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const auto until = [&](auto&& condition) {
    while (!condition() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
  };
  REQUIRE(until([&] { return f.service->rates()->version == 0 && f.service->rates_cache().get() != nullptr; }));

  // A table written behind the service's back is not seen: the copy is served.
  f.scalar("WITH saved AS (INSERT INTO shipping.rate_tables (body, created_by) VALUES (CAST('" + std::string(kRates) +
           "' AS jsonb), 'usr_sql') RETURNING 1) SELECT count(*) FROM saved");
  CHECK(f.service->rates()->version == 0);

  // Another instance's replacement reaches this one through the feed.
  auto saved = other.replace_rates(table_with_express_price("30"), kAdmin.user_id);
  REQUIRE(std::holds_alternative<RateTable>(saved));
  const auto version = std::get<RateTable>(saved).version;
  CHECK(until([&] { return f.service->rates()->version == version; }));
  CHECK(f.service->quote({"US", 100, 0, "USD"})->at(1).price_minor == 3000);

  // This instance's own replacement shows at once.
  REQUIRE(std::holds_alternative<RateTable>(f.service->replace_rates(table_with_express_price("31.5"), kAdmin.user_id)));
  CHECK(f.service->option_for({"US", 100, 0, "USD"}, "us:express")->price_minor == 3150);
  other.stop_rates_feed();
  f.service->stop_rates_feed();
}

TEST_CASE("an invalid rate table is refused with field errors and changes nothing") {
  ShippingFixture f("shipping_rates_invalid");
  auto body = table_with_express_price("-1");
  body["zones"].as_array()[0].as_object()["countries"] = boost::json::array{"USA"};
  auto saved = f.service->replace_rates(body, kAdmin.user_id);
  REQUIRE(std::holds_alternative<std::vector<kernel::FieldError>>(saved));
  const auto& errors = std::get<std::vector<kernel::FieldError>>(saved);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == "zones[0].countries[0]");
  CHECK(errors[1].field == "zones[0].services[1].flat_price");
  CHECK(f.scalar("SELECT count(*) FROM shipping.rate_tables") == 0);
  CHECK(f.service->rates()->version == 0);
}

TEST_CASE("a paid order gets one shipment with a valid tracking number, a label_created event and an outbox event") {
  ShippingFixture f("shipping_create");
  f.orders->add("ord_1", "paid");
  auto created = f.service->create_shipment("ord_1");
  REQUIRE(created);
  CHECK(created->id.rfind("shp_", 0) == 0);
  CHECK(created->order_id == "ord_1");
  CHECK(created->status == "label_created");
  CHECK(created->carrier == "emporium-post");
  CHECK(created->service == "express");
  CHECK(created->service_name == "Express");
  CHECK(is_valid_tracking_number(created->tracking_number));
  CHECK(created->recipient.name == "Ada Lovelace");
  CHECK(created->sender.city == "San Francisco");

  auto second = f.service->create_shipment("ord_1");
  REQUIRE_FALSE(second);
  CHECK(second.error().code == "shipment_exists");
  CHECK(f.scalar("SELECT count(*) FROM shipping.shipments") == 1);
  CHECK(f.scalar("SELECT count(*) FROM shipping.outbox WHERE name = 'shipping.tracking_updated' "
                 "AND payload->>'status' = 'label_created'") == 1);

  auto summary = f.service->shipment_for_order("ord_1");
  REQUIRE(summary);
  CHECK(summary->tracking_number == created->tracking_number);
  CHECK_FALSE(f.service->shipment_for_order("ord_other"));
}

TEST_CASE("only a paid order ships; an unknown order is not found") {
  ShippingFixture f("shipping_not_shippable");
  f.orders->add("ord_pending", "pending_payment");
  f.orders->add("ord_cancelled", "cancelled");
  CHECK(f.service->create_shipment("ord_pending").error().code == "order_not_shippable");
  CHECK(f.service->create_shipment("ord_cancelled").error().code == "order_not_shippable");
  CHECK(f.service->create_shipment("ord_missing").error().code == "not_found");
  CHECK(f.scalar("SELECT count(*) FROM shipping.shipments") == 0);
}

TEST_CASE("without the order module, shipments and early tracking answer service_unavailable") {
  ShippingFixture f("shipping_no_orders", false);
  CHECK(f.service->create_shipment("ord_1").error().code == "service_unavailable");
  CHECK(f.service->tracking("ord_1", kAdmin).error().code == "service_unavailable");
}

TEST_CASE("the label is a PDF that only an admin and the order's customer get") {
  ShippingFixture f("shipping_label");
  f.orders->add("ord_1", "paid");
  auto created = f.service->create_shipment("ord_1");
  REQUIRE(created);
  auto pdf = f.service->label(created->id, kCustomer, false);
  REQUIRE(pdf);
  CHECK(pdf->rfind("%PDF", 0) == 0);
  CHECK(pdf->find("(" + created->tracking_number + ") Tj") != std::string::npos);
  CHECK(pdf->find("(Emporium Fulfilment) Tj") != std::string::npos);
  CHECK(pdf->find("(Weight: 1.25 kg) Tj") != std::string::npos);
  CHECK(f.service->label(created->id, kAdmin)->rfind("%PDF", 0) == 0);
  CHECK(f.service->label(created->id, kStranger).error().code == "not_found");
  CHECK(f.service->label("shp_missing", kAdmin).error().code == "not_found");
}

TEST_CASE("tracking: awaiting shipment, then label, shipped and delivered once each, for the customer only") {
  ShippingFixture f("shipping_tracking");
  f.orders->add("ord_1", "paid");
  auto before = f.service->tracking("ord_1", kCustomer);
  REQUIRE(before);
  CHECK(before->status == "awaiting_shipment");
  CHECK_FALSE(before->shipment);
  CHECK(before->events.empty());
  CHECK(f.service->tracking("ord_1", kStranger).error().code == "not_found");
  CHECK(f.service->tracking("ord_missing", kAdmin).error().code == "not_found");

  REQUIRE(f.service->create_shipment("ord_1"));
  f.order_event("ord_1", kShipped);
  f.order_event("ord_1", kShipped);  // a repeat adds nothing
  auto shipped = f.service->tracking("ord_1", kAdmin);
  REQUIRE(shipped);
  CHECK(shipped->status == "shipped");
  REQUIRE(shipped->events.size() == 2);
  CHECK(shipped->events[0].status == "label_created");
  CHECK(shipped->events[1].status == "shipped");

  f.order_event("ord_1", kDelivered);
  auto delivered = f.service->tracking("ord_1", kCustomer);
  REQUIRE(delivered);
  CHECK(delivered->status == "delivered");
  CHECK(delivered->events.size() == 3);
  CHECK(f.service->tracking("ord_1", kStranger).error().code == "not_found");
  CHECK(f.scalar("SELECT count(*) FROM shipping.outbox WHERE name = 'shipping.tracking_updated'") == 3);
}

TEST_CASE("a delivered event before the shipped one leaves the shipment delivered") {
  ShippingFixture f("shipping_out_of_order");
  f.orders->add("ord_1", "paid");
  REQUIRE(f.service->create_shipment("ord_1"));
  f.order_event("ord_1", kDelivered);
  f.order_event("ord_1", kShipped);
  auto tracking = f.service->tracking("ord_1", kCustomer);
  REQUIRE(tracking);
  CHECK(tracking->status == "delivered");
  CHECK(tracking->events.size() == 3);
}
