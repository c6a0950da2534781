"""The cart against the real binary: guest carts (the id is the capability),
the customer's own cart, items by product or variant id, stock and quantity
rules, someone else's cart, unknown fields, the price-change flag after the
seller changes a price, merging a guest cart on sign-in, archived products,
guest cart expiry, and erasure with the user."""

import re
import unittest

from shop_client import RoleUsersCase, poll, unique
from user_client import assert_problem, start_shared_server, stop_shared_server

# Many requests from one address; the expiry job looks every 200 ms.
CART_ENV = {
    "EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND": "10000",
    "EMPORIUM_RATE_LIMITS_DEFAULT_BURST": "10000",
    "EMPORIUM_CART_EXPIRY_INTERVAL_MS": "200",
}
CART_FIELDS = {"id", "items", "subtotal", "currency", "item_count", "price_changed", "created_at", "updated_at",
               "expires_at"}
ITEM_FIELDS = {"id", "product_id", "variant_id", "name", "options", "sku", "image_url", "unit_price", "quantity",
               "line_total", "currency", "available", "unavailable", "price_changed", "previous_unit_price"}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def setUpModule():
    start_shared_server(CART_ENV)
    RoleUsersCase.setup_role_users()


def tearDownModule():
    stop_shared_server()


class CartCase(RoleUsersCase):
    def product(self, price=12.5, stock=10, sizes=None):
        """A new product of the seller with `stock` units of each variant."""
        body = {"name": unique("Lamp"), "price": price}
        if sizes:
            body["options"] = [{"name": "Size", "values": sizes}]
        status, _, created = self.api.call("POST", "/products", body, token=self.token("seller"))
        self.assertEqual(status, 201, created)
        for variant in created["variants"]:
            status, _, level = self.api.call("PUT", f"/inventory/{variant['id']}", {"on_hand": stock},
                                             token=self.token("seller"))
            self.assertEqual(status, 200, level)
        return created

    def new_cart(self, token_key=None):
        status, _, cart = self.api.call("POST", "/carts", token=self.token(token_key))
        self.assertEqual(status, 201, cart)
        return cart

    def add(self, cart_id, body, token_key=None):
        return self.api.call("POST", f"/carts/{cart_id}/items", body, token=self.token(token_key))

    def added(self, cart_id, body, token_key=None):
        status, _, cart = self.add(cart_id, body, token_key)
        self.assertEqual(status, 200, cart)
        return cart

    def get(self, cart_id, token_key=None):
        return self.api.call("GET", f"/carts/{cart_id}", token=self.token(token_key))

    def fresh_customer(self):
        """A newly registered customer: (user id, token)."""
        _, user, token, _ = self.api.new_user()
        return user["id"], token


class GuestCarts(CartCase):
    def test_a_guest_cart_starts_empty_with_an_unguessable_id(self):
        cart = self.new_cart()
        self.assertEqual(set(cart), CART_FIELDS)
        self.assertRegex(cart["id"], r"^cart_[0-9a-f]{32}$")
        self.assertEqual((cart["items"], cart["subtotal"], cart["currency"], cart["item_count"], cart["price_changed"]),
                         ([], 0, "USD", 0, False))
        self.assertRegex(cart["created_at"], RFC3339)
        self.assertRegex(cart["expires_at"], RFC3339)
        self.assertNotEqual(self.new_cart()["id"], cart["id"])
        status, _, read = self.get(cart["id"])
        self.assertEqual((status, read["id"]), (200, cart["id"]))

    def test_items_by_product_or_variant_id_add_up_and_are_priced_by_the_catalog(self):
        product = self.product(price=12.5)
        variant = product["variants"][0]
        cart = self.new_cart()
        cart = self.added(cart["id"], {"product_id": product["id"], "quantity": 2})
        cart = self.added(cart["id"], {"variant_id": variant["id"], "quantity": 1})
        self.assertEqual(len(cart["items"]), 1)
        item = cart["items"][0]
        self.assertEqual(set(item), ITEM_FIELDS)
        self.assertEqual((item["product_id"], item["variant_id"], item["name"], item["quantity"]),
                         (product["id"], variant["id"], product["name"], 3))
        self.assertEqual((item["unit_price"], item["line_total"], item["currency"], item["available"]),
                         (12.5, 37.5, "USD", 10))
        self.assertEqual((item["price_changed"], item["previous_unit_price"], item["unavailable"]), (False, None, False))
        self.assertEqual((cart["subtotal"], cart["item_count"]), (37.5, 3))

    def test_quantities_change_and_items_are_removed(self):
        product = self.product(price=2)
        cart = self.added(self.new_cart()["id"], {"product_id": product["id"]})
        item_id = cart["items"][0]["id"]
        status, _, cart = self.api.call("PATCH", f"/carts/{cart['id']}/items/{item_id}", {"quantity": 4})
        self.assertEqual((status, cart["items"][0]["quantity"], cart["subtotal"]), (200, 4, 8), cart)
        assert_problem(self, self.api.call("PATCH", f"/carts/{cart['id']}/items/{item_id}", {"quantity": 0}), 422,
                       "validation_failed")
        status, _, cart = self.api.call("DELETE", f"/carts/{cart['id']}/items/{item_id}")
        self.assertEqual((status, cart["items"], cart["subtotal"]), (200, [], 0))
        assert_problem(self, self.api.call("DELETE", f"/carts/{cart['id']}/items/{item_id}"), 404, "not_found")

    def test_stock_and_variant_rules(self):
        product = self.product(stock=3)
        cart_id = self.new_cart()["id"]
        problem = assert_problem(self, self.add(cart_id, {"product_id": product["id"], "quantity": 4}), 422,
                                 "insufficient_stock")
        self.assertIn("Only 3 available", problem["detail"])
        self.added(cart_id, {"product_id": product["id"], "quantity": 2})
        assert_problem(self, self.add(cart_id, {"product_id": product["id"], "quantity": 2}), 422,
                       "insufficient_stock")
        sized = self.product(sizes=["S", "M"])
        assert_problem(self, self.add(cart_id, {"product_id": sized["id"]}), 422, "variant_required")
        assert_problem(self, self.add(cart_id, {"variant_id": "var_nowhere"}), 422, "unknown_variant")
        cart = self.added(cart_id, {"variant_id": sized["variants"][1]["id"]})
        self.assertEqual(cart["items"][1]["options"], {"Size": "M"})
        self.assertEqual(self.get(cart_id)[2]["items"][0]["quantity"], 2)

    def test_bad_bodies_are_refused_naming_each_field(self):
        cart_id = self.new_cart()["id"]
        problem = assert_problem(self, self.add(cart_id, {"product_id": "p", "quantity": 1000, "qty": 1}), 422,
                                 "validation_failed")
        self.assertEqual(sorted(e["field"] for e in problem["errors"]), ["qty", "quantity"])
        problem = assert_problem(self, self.add(cart_id, {"quantity": 1}), 422, "validation_failed")
        self.assertEqual([e["field"] for e in problem["errors"]], ["variant_id"])
        assert_problem(self, self.api.call("POST", "/carts", {"owner": "me"}), 422, "validation_failed")
        status, _, _ = self.api.server.request("POST", f"/api/v1/carts/{cart_id}/items", b"{",
                                               {"Content-Type": "application/json"})
        self.assertEqual(status, 400)
        self.assertEqual(self.get(cart_id)[2]["items"], [])

    def test_unknown_carts_are_not_found(self):
        assert_problem(self, self.get("cart_00000000000000000000000000000000"), 404, "not_found")
        assert_problem(self, self.add("cart_nowhere", {"product_id": self.product()["id"]}), 404, "not_found")


class CustomerCarts(CartCase):
    def test_a_customer_has_one_cart_created_on_demand(self):
        _, token = self.fresh_customer()
        status, _, cart = self.api.call("GET", "/cart", token=token)
        self.assertEqual(status, 200, cart)
        self.assertIsNone(cart["expires_at"])
        status, _, created = self.api.call("POST", "/carts", token=token)
        self.assertEqual((status, created["id"]), (201, cart["id"]))
        product = self.product()
        status, _, added = self.api.call("POST", "/cart/items", {"product_id": product["id"], "quantity": 2},
                                         token=token)
        self.assertEqual((status, added["id"], added["item_count"]), (200, cart["id"], 2), added)
        status, _, read = self.api.call("GET", f"/carts/{cart['id']}", token=token)
        self.assertEqual((status, read["item_count"]), (200, 2))

    def test_someone_elses_cart_is_not_found(self):
        _, token = self.fresh_customer()
        cart_id = self.api.call("GET", "/cart", token=token)[2]["id"]
        product = self.product()
        for token_key in (None, "customer", "admin"):
            assert_problem(self, self.get(cart_id, token_key), 404, "not_found")
            assert_problem(self, self.add(cart_id, {"product_id": product["id"]}, token_key), 404, "not_found")
        assert_problem(self, self.api.call("GET", "/cart"), 401, "unauthenticated")
        assert_problem(self, self.api.call("POST", "/cart/items", {"product_id": product["id"]}), 401,
                       "unauthenticated")

    def test_a_guest_cart_merges_into_the_customers_cart_capped_at_stock(self):
        _, token = self.fresh_customer()
        scarce = self.product(stock=3)
        plenty = self.product(stock=50)
        own = self.api.call("POST", "/cart/items", {"product_id": scarce["id"], "quantity": 2}, token=token)[2]
        guest = self.new_cart()["id"]
        self.added(guest, {"product_id": scarce["id"], "quantity": 2})
        self.added(guest, {"product_id": plenty["id"], "quantity": 5})

        assert_problem(self, self.api.call("POST", f"/carts/{guest}/merge"), 401, "unauthenticated")
        assert_problem(self, self.api.call("POST", f"/carts/{own['id']}/merge", token=token), 409,
                       "cannot_merge_own_cart")
        status, _, merged = self.api.call("POST", f"/carts/{guest}/merge", token=token)
        self.assertEqual((status, merged["id"]), (200, own["id"]), merged)
        self.assertEqual([(i["product_id"], i["quantity"]) for i in merged["items"]],
                         [(scarce["id"], 3), (plenty["id"], 5)])
        assert_problem(self, self.get(guest), 404, "not_found")
        assert_problem(self, self.api.call("POST", f"/carts/{guest}/merge", token=token), 404, "not_found")
        # Someone else's cart is no guest cart to take.
        assert_problem(self, self.api.call("POST", f"/carts/{own['id']}/merge", token=self.token("customer")), 404,
                       "not_found")


class Prices(CartCase):
    def test_the_cart_flags_a_price_the_seller_changed_since_it_was_added(self):
        product = self.product(price=10)
        cart = self.added(self.new_cart()["id"], {"product_id": product["id"], "quantity": 2})
        status, _, patched = self.api.call("PATCH", f"/products/{product['id']}", {"price": 12.25},
                                           token=self.token("seller"))
        self.assertEqual(status, 200, patched)
        # The catalog may serve reads from a cache that its own invalidation refreshes.
        cart = poll(lambda: (lambda c: c if c["price_changed"] else None)(self.get(cart["id"])[2]),
                    "the price change reaching the cart")
        item = cart["items"][0]
        self.assertEqual((item["unit_price"], item["previous_unit_price"], item["price_changed"]), (12.25, 10, True))
        self.assertEqual((item["line_total"], cart["subtotal"]), (24.5, 24.5))
        status, _, cart = self.api.call("PATCH", f"/carts/{cart['id']}/items/{item['id']}", {"quantity": 3})
        self.assertEqual((status, cart["price_changed"], cart["items"][0]["previous_unit_price"]), (200, False, None))
        self.assertEqual(cart["subtotal"], 36.75)

    def test_an_archived_product_stays_in_the_cart_as_unavailable(self):
        product = self.product(price=5)
        kept = self.product(price=1)
        cart_id = self.new_cart()["id"]
        self.added(cart_id, {"product_id": product["id"]})
        self.added(cart_id, {"product_id": kept["id"]})
        self.assertIn(self.api.call("DELETE", f"/products/{product['id']}", token=self.token("seller"))[0], (200, 204))
        cart = self.get(cart_id)[2]
        self.assertEqual([(i["unavailable"], i["available"]) for i in cart["items"]], [(True, 0), (False, 10)])
        self.assertEqual(cart["subtotal"], 1)
        assert_problem(self, self.add(cart_id, {"product_id": product["id"]}), 422, "product_unavailable")


class Lifecycle(CartCase):
    def test_an_expired_guest_cart_is_gone(self):
        cart_id = self.added(self.new_cart()["id"], {"product_id": self.product()["id"]})["id"]
        self.api.sql(f"UPDATE cart.carts SET expires_at = now() - interval '1 second' WHERE id = '{cart_id}'")
        assert_problem(self, self.get(cart_id), 404, "not_found")
        poll(lambda: self.api.sql(f"SELECT count(*) FROM cart.carts WHERE id = '{cart_id}'") == "0",
             "the expiry job deleting the cart")
        self.assertEqual(self.api.sql(f"SELECT count(*) FROM cart.items WHERE cart_id = '{cart_id}'"), "0")

    def test_a_deleted_users_carts_are_erased_and_exported_before(self):
        user_id, token = self.fresh_customer()
        product = self.product()
        self.api.call("POST", "/cart/items", {"product_id": product["id"], "quantity": 2}, token=token)
        status, _, export = self.api.call("GET", "/users/me/export", token=token)
        self.assertEqual(status, 200, export)
        self.assertEqual([[(i["product_id"], i["quantity"]) for i in c["items"]] for c in export["carts"]],
                         [[(product["id"], 2)]])
        self.assertEqual(self.api.call("DELETE", "/users/me", token=token)[0], 204)
        poll(lambda: self.api.sql(f"SELECT count(*) FROM cart.carts WHERE owner_user_id = '{user_id}'") == "0",
             "the user's carts being erased")


if __name__ == "__main__":
    unittest.main()
