"""Orders against the real binary: a checkout with the test card, a declined
card that gives the stock back, who may see an order (owner, admin, a
seller for their lines only), the state machine's refusals, shipped only
with a shipment, and a cancellation that refunds."""

import unittest

from checkout_client import CHECKOUT_ENV, DECLINED_CARD, CheckoutApi, idempotency_key, minor, results
from shop_client import RoleUsersCase, poll
from user_client import assert_problem, start_shared_server, stop_shared_server


def setUpModule():
    start_shared_server(CHECKOUT_ENV)
    RoleUsersCase.setup_role_users()


def tearDownModule():
    stop_shared_server()


class OrdersCase(RoleUsersCase):
    def setUp(self):
        super().setUp()
        self.shop = CheckoutApi(self.server)

    def paid_order(self, lines, token):
        status, _, order = self.shop.checkout(token, lines)
        self.assertEqual(status, 201, order)
        self.assertEqual(order["status"], "paid", order)
        return order

    def set_status(self, order_id, status, method="PATCH"):
        path = f"/orders/{order_id}/status" if method == "PATCH" else f"/orders/{order_id}"
        return self.shop.call(method, path, {"status": status}, token=self.token("admin"))


class Checkout(OrdersCase):
    def test_checkout_with_the_test_card_answers_the_paid_order_and_commits_the_stock(self):
        product = self.shop.product(self.token("seller"), 5, price=12.5)
        _, token = self.shop.customer()
        order = self.paid_order([(product["id"], 2)], token)
        self.assertTrue(order["id"].startswith("ord_"))
        self.assertEqual([(i["product_id"], i["quantity"], minor(i["unit_price"]), minor(i["line_total"]))
                          for i in order["items"]], [(product["id"], 2, 1250, 2500)])
        self.assertEqual(minor(order["subtotal"]), 2500)
        self.assertEqual(minor(order["total"]),
                         minor(order["subtotal"]) + minor(order["shipping_total"]) + minor(order["tax_total"]))
        self.assertEqual(order["currency"], "USD")
        self.assertEqual(order["shipping_address"]["country"], "US")
        self.assertEqual(set(order["shipping"]), {"option_id", "carrier", "service", "name", "price"})
        self.assertEqual((order["payment"]["status"], order["payment"]["last4"]), ("captured", "4242"))
        self.assertEqual(self.shop.stock(product["id"]), (3, 0, 3))
        listed = self.shop.own_orders(token)
        self.assertEqual([o["id"] for o in listed], [order["id"]])
        self.assertEqual(self.shop.order(order["id"], token)["status"], "paid")

    def test_each_customer_of_a_run_of_checkouts_is_told_of_their_order_and_payment_in_app(self):
        # Orders close together reach the notification module's order subscribers in batches.
        product = self.shop.product(self.token("seller"), 10)
        buyers = [self.shop.customer()[1] for _ in range(3)]
        orders = [self.paid_order([(product["id"], 1)], token) for token in buyers]

        def order_titles(token):
            _, _, page = self.shop.call("GET", "/notifications", token=token)
            titles = sorted(n["title"] for n in page["results"] if "order" in n["title"])
            return titles if len(titles) >= 2 else None

        for token, order in zip(buyers, orders):
            self.assertEqual(poll(lambda token=token: order_titles(token), "the order notices"),
                             [f"Receipt for order {order['id']}", f"Your order {order['id']} is confirmed"])

    def test_a_declined_card_answers_402_cancels_the_order_and_gives_the_stock_back(self):
        product = self.shop.product(self.token("seller"), 4)
        _, token = self.shop.customer()
        cart_id, option_id = self.shop.ready_cart([(product["id"], 3)], token)
        body = self.shop.order_body(cart_id, option_id, DECLINED_CARD)
        problem = assert_problem(self, self.shop.place_order(token, body), 402, "payment_declined")
        self.assertTrue(problem["order_id"].startswith("ord_"), problem)
        self.assertEqual(self.shop.stock(product["id"]), (4, 0, 4))
        order = self.shop.order(problem["order_id"], token)
        self.assertEqual(order["status"], "cancelled")

    def test_the_same_key_answers_the_same_order_and_another_body_is_a_conflict(self):
        product = self.shop.product(self.token("seller"), 5)
        _, token = self.shop.customer()
        cart_id, option_id = self.shop.ready_cart([(product["id"], 1)], token)
        body = self.shop.order_body(cart_id, option_id)
        key = idempotency_key()
        status, _, first = self.shop.place_order(token, body, key)
        self.assertEqual(status, 201, first)
        status, headers, again = self.shop.place_order(token, body, key)
        self.assertEqual((status, again["id"]), (201, first["id"]))
        self.assertEqual(headers.get("Idempotent-Replayed"), "true")
        other = dict(body, shipping_option_id="zz:none")
        assert_problem(self, self.shop.place_order(token, other, key), 409, "idempotency_mismatch")
        self.assertEqual(self.shop.stock(product["id"]), (4, 0, 4))

    def test_checkout_needs_a_key_a_customer_and_a_valid_body(self):
        product = self.shop.product(self.token("seller"), 5)
        _, token = self.shop.customer()
        cart_id, option_id = self.shop.ready_cart([(product["id"], 1)], token)
        body = self.shop.order_body(cart_id, option_id)
        assert_problem(self, self.shop.call("POST", "/orders", body, token=token), 400, "idempotency_key_required")
        assert_problem(self, self.shop.place_order(None, body), 401, "unauthenticated")
        bad = self.shop.order_body(cart_id, option_id, "4242424242424241",
                                   address={"name": "Ann", "line1": "", "city": "X", "country": "US"})
        problem = assert_problem(self, self.shop.place_order(token, bad), 422, "validation_failed")
        fields = {error["field"] for error in problem["errors"]}
        self.assertIn("payment.card.number", fields)
        self.assertIn("shipping_address.line1", fields)
        assert_problem(self, self.shop.place_order(token, dict(body, shipping_option_id="zz:none")), 422,
                       "invalid_shipping_option")
        self.assertEqual(self.shop.stock(product["id"]), (5, 0, 5))


class Visibility(OrdersCase):
    def test_an_order_is_visible_to_its_owner_and_admins_and_not_found_for_others(self):
        product = self.shop.product(self.token("seller"), 5)
        owner_id, token = self.shop.customer()
        order = self.paid_order([(product["id"], 1)], token)
        _, stranger = self.shop.customer()
        assert_problem(self, self.shop.call("GET", f"/orders/{order['id']}", token=stranger), 404, "not_found")
        assert_problem(self, self.shop.call("POST", f"/orders/{order['id']}/cancel", token=stranger), 404,
                       "not_found")
        assert_problem(self, self.shop.call("GET", f"/orders/user/{owner_id}", token=stranger), 404, "not_found")
        self.assertEqual(self.shop.order(order["id"], self.token("admin"))["id"], order["id"])
        status, _, listed = self.shop.call("GET", f"/orders/user/{owner_id}", token=self.token("admin"))
        self.assertEqual((status, [o["id"] for o in results(listed)]), (200, [order["id"]]))
        status, _, paid = self.shop.call("GET", "/admin/orders?status=paid&per_page=100", token=self.token("admin"))
        self.assertEqual(status, 200)
        self.assertIn(order["id"], [o["id"] for o in results(paid)])
        assert_problem(self, self.shop.call("GET", "/admin/orders", token=token), 403, "forbidden")

    def test_a_seller_sees_only_their_own_lines(self):
        mine = self.shop.product(self.token("seller"), 5, price=10)
        theirs = self.shop.product(self.token("other_seller"), 5, price=20)
        _, token = self.shop.customer()
        order = self.paid_order([(mine["id"], 1), (theirs["id"], 2)], token)
        seen = self.shop.order(order["id"], self.token("seller"))
        self.assertEqual([item["product_id"] for item in seen["items"]], [mine["id"]])
        self.assertEqual(minor(seen["subtotal"]), 1000)
        self.assertNotIn("payment", seen)
        status, _, listed = self.shop.call("GET", "/seller/orders?per_page=100", token=self.token("other_seller"))
        self.assertEqual(status, 200, listed)
        found = [o for o in results(listed) if o["id"] == order["id"]]
        self.assertEqual(len(found), 1)
        self.assertEqual([item["product_id"] for item in found[0]["items"]], [theirs["id"]])
        _, stranger_seller = self.shop.customer()
        assert_problem(self, self.shop.call("GET", "/seller/orders", token=stranger_seller), 403, "forbidden")


class StateMachine(OrdersCase):
    def test_forbidden_transitions_are_409_and_shipped_needs_a_shipment(self):
        product = self.shop.product(self.token("seller"), 5)
        _, token = self.shop.customer()
        order = self.paid_order([(product["id"], 1)], token)
        assert_problem(self, self.set_status(order["id"], "delivered"), 409, "invalid_transition")
        assert_problem(self, self.set_status(order["id"], "pending_payment", "PUT"), 409, "invalid_transition")
        assert_problem(self, self.set_status(order["id"], "shipped"), 409, "shipment_required")
        assert_problem(self, self.set_status(order["id"], "lost"), 422, "invalid_status")
        status, _, shipment = self.shop.call("POST", f"/orders/{order['id']}/shipments", {},
                                             token=self.token("admin"))
        self.assertIn(status, (200, 201), shipment)
        status, _, shipped = self.set_status(order["id"], "shipped")
        self.assertEqual((status, shipped.get("status")), (200, "shipped"), shipped)
        assert_problem(self, self.shop.call("POST", f"/orders/{order['id']}/cancel", token=token), 409,
                       "invalid_transition")
        status, _, delivered = self.set_status(order["id"], "delivered", "PUT")
        self.assertEqual((status, delivered.get("status")), (200, "delivered"), delivered)
        assert_problem(self, self.set_status(order["id"], "shipped"), 409, "invalid_transition")
        assert_problem(self, self.shop.call("PATCH", f"/orders/{order['id']}/status", {"status": "paid"},
                                            token=token), 403, "forbidden")

    def test_cancelling_a_paid_order_refunds_it(self):
        product = self.shop.product(self.token("seller"), 5)
        _, token = self.shop.customer()
        order = self.paid_order([(product["id"], 2)], token)
        status, _, cancelled = self.shop.call("POST", f"/orders/{order['id']}/cancel", token=token)
        self.assertEqual((status, cancelled.get("status")), (200, "cancelled"), cancelled)
        self.assertEqual(minor(cancelled["refunded_total"]), minor(order["total"]))
        payments = self.shop.payments(order["id"], token)
        self.assertEqual([p["status"] for p in payments], ["refunded"], payments)
        # The two units sold go back on hand: (on_hand, reserved, available).
        self.assertEqual(self.shop.stock(product["id"]), (5, 0, 5))
        assert_problem(self, self.shop.call("POST", f"/orders/{order['id']}/cancel", token=token), 409,
                       "invalid_transition")


if __name__ == "__main__":
    unittest.main()
