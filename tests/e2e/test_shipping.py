"""Shipping against the real binary: quotes for a cart (weight brackets, the
rest of the world, the free-shipping threshold, guests and customers, bad
addresses, countries no zone covers, someone else's cart), the admin rate
table (defaults, replace, versioned, validation with field paths, 401/403),
and tracking/labels that nobody but an admin or the customer sees."""

import copy
import unittest

from checkout_client import DECLINED_CARD, CheckoutApi
from shop_client import RoleUsersCase, poll, unique
from user_client import assert_problem, start_shared_server, stop_shared_server

SHIPPING_ENV = {
    "EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND": "10000",
    "EMPORIUM_RATE_LIMITS_DEFAULT_BURST": "10000",
}
OPTION_FIELDS = {"id", "carrier", "service", "name", "price", "currency", "estimated_days"}
ADDRESS = {"name": "Ada Lovelace", "line1": "12 Analytical Way", "city": "Springfield", "postal_code": "12345",
           "country": "US"}

# A table the quote tests set first, so they do not depend on the defaults.
RATES = {
    "currency": "USD",
    "free_shipping_thresholds": {"USD": 100},
    "zones": [
        {"id": "us", "name": "United States", "countries": ["US"], "services": [
            {"service": "standard", "name": "Standard", "carrier": "emporium-post", "estimated_days": 5,
             "brackets": [{"max_weight_grams": 1000, "price": 5}, {"max_weight_grams": 5000, "price": 9.5}]},
            {"service": "express", "name": "Express", "carrier": "emporium-post", "estimated_days": 2,
             "flat_price": 25}]},
        {"id": "eu", "name": "European Union", "countries": ["DE", "FR"], "services": [
            {"service": "standard", "name": "Standard", "carrier": "emporium-post", "estimated_days": 8,
             "brackets": [{"max_weight_grams": 2000, "price": 14}]}]},
        {"id": "world", "name": "Rest of the world", "countries": ["*"], "services": [
            {"service": "standard", "name": "Standard", "carrier": "emporium-post", "estimated_days": 14,
             "flat_price": 30}]},
    ],
}


def setUpModule():
    start_shared_server(SHIPPING_ENV)
    RoleUsersCase.setup_role_users()


def tearDownModule():
    stop_shared_server()


class ShippingCase(RoleUsersCase):
    def put_rates(self, table, token_key="admin"):
        return self.api.call("PUT", "/shipping/rates", table, token=self.token(token_key))

    def use_rates(self, table=RATES):
        status, _, saved = self.put_rates(table)
        self.assertEqual(status, 200, saved)
        return saved

    def product(self, price, weight_grams, stock=50):
        body = {"name": unique("Kettle"), "price": price, "weight_grams": weight_grams}
        status, _, created = self.api.call("POST", "/products", body, token=self.token("seller"))
        self.assertEqual(status, 201, created)
        for variant in created["variants"]:
            status, _, level = self.api.call("PUT", f"/inventory/{variant['id']}", {"on_hand": stock},
                                             token=self.token("seller"))
            self.assertEqual(status, 200, level)
        return created

    def cart_with(self, items, token_key=None):
        """A cart of the caller (a guest cart for None) holding (product, quantity) pairs."""
        status, _, cart = self.api.call("POST", "/carts", token=self.token(token_key))
        self.assertEqual(status, 201, cart)
        for product, quantity in items:
            status, _, body = self.api.call("POST", f"/carts/{cart['id']}/items",
                                            {"product_id": product["id"], "quantity": quantity},
                                            token=self.token(token_key))
            self.assertEqual(status, 200, body)
        return cart["id"]

    def quote(self, cart_id, address=None, token_key=None):
        return self.api.call("POST", "/shipping/quote", {"cart_id": cart_id, "address": address or ADDRESS},
                             token=self.token(token_key))

    def options(self, cart_id, address=None, token_key=None):
        status, _, body = self.quote(cart_id, address, token_key)
        self.assertEqual(status, 200, body)
        for option in body["options"]:
            self.assertEqual(set(option), OPTION_FIELDS)
        return [(o["id"], o["price"], o["estimated_days"]) for o in body["options"]]


class Quotes(ShippingCase):
    def setUp(self):
        super().setUp()
        self.use_rates()

    def test_a_guest_cart_is_quoted_by_weight_bracket_cheapest_first(self):
        light = self.product(10, 400)
        cart = self.cart_with([(light, 2)])  # 800 g, subtotal 20
        self.assertEqual(self.options(cart), [("us:standard", 5, 5), ("us:express", 25, 2)])
        cart = self.cart_with([(light, 3)])  # 1200 g: the next bracket
        self.assertEqual(self.options(cart), [("us:standard", 9.5, 5), ("us:express", 25, 2)])
        status, _, body = self.quote(cart)
        self.assertEqual(body["options"][0]["carrier"], "emporium-post")
        self.assertEqual(body["options"][0]["currency"], "USD")
        self.assertEqual(body["options"][0]["name"], "Standard")

    def test_the_free_shipping_threshold_makes_standard_free_at_and_above_it(self):
        at = self.cart_with([(self.product(50, 100), 2)])  # subtotal exactly 100
        self.assertEqual(self.options(at), [("us:standard", 0, 5), ("us:express", 25, 2)])
        below = self.cart_with([(self.product(99.99, 100), 1)])
        self.assertEqual(self.options(below)[0], ("us:standard", 5, 5))

    def test_a_country_without_its_own_zone_takes_the_rest_of_the_world(self):
        cart = self.cart_with([(self.product(10, 100), 1)])
        self.assertEqual(self.options(cart, dict(ADDRESS, country="jp")), [("world:standard", 30, 14)])
        self.assertEqual(self.options(cart, dict(ADDRESS, country="DE")), [("eu:standard", 14, 8)])

    def test_no_zone_or_too_heavy_is_shipping_unavailable(self):
        table = copy.deepcopy(RATES)
        table["zones"].pop()  # no rest of the world
        self.use_rates(table)
        cart = self.cart_with([(self.product(10, 100), 1)])
        assert_problem(self, self.quote(cart, dict(ADDRESS, country="JP")), 422, "shipping_unavailable")
        heavy = self.cart_with([(self.product(10, 3000), 1)])  # 3 kg: over the EU's only bracket
        assert_problem(self, self.quote(heavy, dict(ADDRESS, country="FR")), 422, "shipping_unavailable")

    def test_a_customer_quotes_their_own_cart_but_not_someone_elses(self):
        product = self.product(10, 100)
        cart = self.cart_with([(product, 1)], token_key="customer")
        self.assertEqual(self.options(cart, token_key="customer")[0], ("us:standard", 5, 5))
        assert_problem(self, self.quote(cart), 404, "not_found")
        assert_problem(self, self.quote(cart, token_key="admin"), 404, "not_found")

    def test_bad_address_fields_unknown_and_empty_carts(self):
        cart = self.cart_with([(self.product(10, 100), 1)])
        body = assert_problem(self, self.quote(cart, {"name": "A", "line1": "", "city": "X", "country": "ZZ"}),
                              422, "validation_failed")
        fields = {error["field"] for error in body["errors"]}
        self.assertIn("address.country", fields)
        self.assertIn("address.line1", fields)
        assert_problem(self, self.quote("cart_doesnotexist"), 404, "not_found")
        status, _, empty = self.api.call("POST", "/carts")
        assert_problem(self, self.quote(empty["id"]), 422, "cart_empty")
        assert_problem(self, self.api.call("POST", "/shipping/quote", {"cart_id": cart}), 422, "validation_failed")


class Rates(ShippingCase):
    def test_admin_reads_and_replaces_the_table_as_a_new_version(self):
        first = self.use_rates()
        self.assertGreaterEqual(first["version"], 1)
        self.assertRegex(first["updated_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        table = copy.deepcopy(RATES)
        table["zones"][0]["services"][1]["flat_price"] = 27.5
        second = self.use_rates(table)
        self.assertEqual(second["version"], first["version"] + 1)
        status, _, active = self.api.call("GET", "/shipping/rates", token=self.token("admin"))
        self.assertEqual(status, 200, active)
        self.assertEqual(active["version"], second["version"])
        self.assertEqual(active["zones"][0]["services"][1]["flat_price"], 27.5)
        self.assertEqual(active["free_shipping_thresholds"], {"USD": 100})
        self.assertEqual(active["zones"][2]["countries"], ["*"])

    def test_an_invalid_table_names_each_field_and_changes_nothing(self):
        before = self.use_rates()
        table = copy.deepcopy(RATES)
        table["zones"][1]["countries"][0] = "Germany"
        table["zones"][0]["services"][0]["brackets"][1]["max_weight_grams"] = 10
        table["zones"][2]["services"][0]["carrier"] = "pigeon"
        table["extra"] = True
        body = assert_problem(self, self.put_rates(table), 422, "validation_failed")
        fields = {error["field"] for error in body["errors"]}
        self.assertEqual(fields, {"zones[1].countries[0]", "zones[0].services[0].brackets[1].max_weight_grams",
                                  "zones[2].services[0].carrier", "extra"})
        status, _, active = self.api.call("GET", "/shipping/rates", token=self.token("admin"))
        self.assertEqual(active["version"], before["version"])
        assert_problem(self, self.api.call("PUT", "/shipping/rates", ["not", "an", "object"],
                                           token=self.token("admin")), 400, "malformed_json")

    def test_only_admins_see_or_change_rates(self):
        for key in ("customer", "seller"):
            assert_problem(self, self.api.call("GET", "/shipping/rates", token=self.token(key)), 403, "forbidden")
            assert_problem(self, self.put_rates(RATES, token_key=key), 403, "forbidden")
        assert_problem(self, self.api.call("GET", "/shipping/rates"), 401, "unauthenticated")
        assert_problem(self, self.put_rates(RATES, token_key=None), 401, "unauthenticated")


class Shipments(ShippingCase):
    def test_only_admins_create_shipments_and_nobody_sees_an_unknown_label_or_order(self):
        assert_problem(self, self.api.call("POST", "/orders/ord_nope/shipments", token=self.token("customer")),
                       403, "forbidden")
        assert_problem(self, self.api.call("POST", "/orders/ord_nope/shipments"), 401, "unauthenticated")
        assert_problem(self, self.api.call("GET", "/shipments/shp_nope/label", token=self.token("admin")),
                       404, "not_found")
        assert_problem(self, self.api.call("GET", "/orders/ord_nope/tracking", token=self.token("customer")),
                       404, "not_found")


class ShipmentsOfPaidOrders(ShippingCase):
    """Shipments, labels and tracking of orders placed through a real checkout."""

    def setUp(self):
        super().setUp()
        self.use_rates()
        self.shop = CheckoutApi(self.server)

    def order(self, token, card=None):
        product = self.shop.product(self.token("seller"), 5, price=20, weight_grams=1250)
        args = (token, [(product["id"], 1)]) + ((card,) if card else ())
        status, _, order = self.shop.checkout(*args)
        self.assertIn(status, (201, 402), order)
        return order

    def ship(self, order_id, token_key="admin"):
        return self.api.call("POST", f"/orders/{order_id}/shipments", token=self.token(token_key))

    def tracking(self, order_id, token):
        return self.api.call("GET", f"/orders/{order_id}/tracking", token=token)

    def test_a_paid_order_ships_once_with_a_pdf_label_and_tracking_for_its_customer(self):
        _, token = self.shop.customer()
        _, other = self.shop.customer()
        order = self.order(token)
        self.assertEqual(order.get("status"), "paid", order)
        status, _, before = self.tracking(order["id"], token)
        self.assertEqual((status, before), (200, {"status": "awaiting_shipment", "shipment_id": None,
                                                  "tracking_number": None, "carrier": None, "events": []}))

        status, _, shipment = self.ship(order["id"])
        self.assertEqual(status, 201, shipment)
        self.assertEqual(set(shipment), {"id", "order_id", "tracking_number", "carrier", "service", "status",
                                         "label_url", "created_at"})
        self.assertTrue(shipment["id"].startswith("shp_"))
        self.assertRegex(shipment["tracking_number"], r"^EP\d{13}$")
        self.assertEqual((shipment["order_id"], shipment["status"], shipment["carrier"]),
                         (order["id"], "label_created", "emporium-post"))
        self.assertEqual(shipment["label_url"], f"/api/v1/shipments/{shipment['id']}/label")
        assert_problem(self, self.ship(order["id"]), 409, "shipment_exists")

        label_path = shipment["label_url"][len("/api/v1"):]
        status, headers, pdf = self.server.request("GET", shipment["label_url"], None,
                                                   {"Authorization": f"Bearer {token}"})
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("Content-Type"), "application/pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        assert_problem(self, self.api.call("GET", label_path, token=other), 404, "not_found")

        status, _, tracking = self.tracking(order["id"], token)
        self.assertEqual(status, 200, tracking)
        self.assertEqual((tracking["status"], tracking["tracking_number"], tracking["carrier"]),
                         ("label_created", shipment["tracking_number"], "emporium-post"))
        self.assertEqual(tracking["shipment_id"], shipment["id"])
        self.assertEqual([event["status"] for event in tracking["events"]], ["label_created"])
        assert_problem(self, self.tracking(order["id"], other), 404, "not_found")

        status, _, shipped = self.api.call("PATCH", f"/orders/{order['id']}/status", {"status": "shipped"},
                                           token=self.token("admin"))
        self.assertEqual(status, 200, shipped)
        poll(lambda: self.tracking(order["id"], token)[2]["status"] == "shipped", "tracking shipped")
        status, _, tracking = self.tracking(order["id"], self.token("admin"))
        self.assertEqual([event["status"] for event in tracking["events"]], ["label_created", "shipped"])

    def test_an_order_that_is_not_paid_does_not_ship(self):
        _, token = self.shop.customer()
        order = self.order(token, DECLINED_CARD)
        order_id = order.get("order_id") or order.get("id")
        self.assertTrue(order_id, order)
        assert_problem(self, self.ship(order_id), 409, "order_not_shippable")


if __name__ == "__main__":
    unittest.main()
