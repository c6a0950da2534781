"""Checkout under concurrency against the real binary: 100 customers racing
for 10 units, one checkout retried 20 times at once with one
Idempotency-Key, a declined card that gives everything back, and card data
that reaches neither the log nor the database."""

import re
import subprocess
import threading
import unittest

from checkout_client import (CHECKOUT_ENV, DECLINED_CARD, TEST_CARD, TEST_CVC, CheckoutApi, idempotency_key, minor,
                             order_units)
from emporium_server import POSTGRES_BIN_DIR, embedded_conninfo
from shop_client import RoleUsersCase
from user_client import assert_problem, start_shared_server, stop_shared_server

RACERS = 100
STOCK = 10
RETRIES = 20


def setUpModule():
    start_shared_server(CHECKOUT_ENV)
    RoleUsersCase.setup_role_users()


def tearDownModule():
    stop_shared_server()


def race(calls):
    """Runs every call on its own thread, released together; their results in order."""
    outcomes = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index):
        start.wait()
        try:
            outcomes[index] = calls[index]()
        except BaseException as error:  # a broken connection is an outcome too
            outcomes[index] = ("error", None, repr(error))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def summary(outcomes):
    """Counts of (status, code) for a failure message."""
    counts = {}
    for status, _, body in outcomes:
        key = (status, body.get("code") if isinstance(body, dict) and status >= 400 else None)
        counts[key] = counts.get(key, 0) + 1
    return counts


class CheckoutCase(RoleUsersCase):
    def setUp(self):
        super().setUp()
        self.shop = CheckoutApi(self.server)

    def assert_one_captured_payment(self, order):
        payments = self.shop.payments(order["id"], self.token("admin"))
        captured = [p for p in payments if p["status"] == "captured"]
        self.assertEqual(len(payments), 1, payments)
        self.assertEqual(len(captured), 1, payments)
        self.assertEqual(minor(captured[0]["amount"]), minor(order["total"]), (captured, order))
        self.assertEqual(captured[0]["id"], order["payment"]["id"])
        return captured[0]


class StockRace(CheckoutCase):
    def test_a_hundred_customers_racing_for_ten_units_leave_ten_paid_orders_and_no_stock(self):
        product = self.shop.product(self.token("seller"), STOCK)
        customers = self.shop.customers(RACERS)
        # Each customer's cart holds one unit: every add fits while 10 are available.
        bodies = []
        for _, token in customers:
            cart_id, option_id = self.shop.ready_cart([(product["id"], 1)], token)
            bodies.append(self.shop.order_body(cart_id, option_id))

        outcomes = race([lambda token=token, body=body: self.shop.place_order(token, body)
                         for (_, token), body in zip(customers, bodies)])

        paid = [body for status, _, body in outcomes if status == 201]
        refused = [(status, body) for status, _, body in outcomes if status != 201]
        self.assertEqual(len(paid), STOCK, summary(outcomes))
        self.assertEqual([order["status"] for order in paid], ["paid"] * STOCK)
        for status, body in refused:
            self.assertIn(status, (409, 422), body)
            self.assertEqual(body["code"], "insufficient_stock", body)
        self.assertEqual(self.shop.stock(product["id"]), (0, 0, 0), "(on_hand, reserved, available)")
        for order in paid:
            self.assertEqual(order_units(order, product["id"]), 1, order)
            self.assert_one_captured_payment(order)
        # The losers' answers left no order behind that holds stock or money.
        for (_, token), (status, _, _) in zip(customers, outcomes):
            if status != 201:
                for order in self.shop.own_orders(token):
                    self.assertEqual(order["status"], "cancelled", order)
                    self.assertFalse([p for p in self.shop.payments(order["id"], self.token("admin"))
                                      if p["status"] == "captured"])


class RetriedCheckout(CheckoutCase):
    def test_twenty_concurrent_retries_with_one_key_make_one_order_and_one_charge(self):
        product = self.shop.product(self.token("seller"), 5)
        _, token = self.shop.customer()
        cart_id, option_id = self.shop.ready_cart([(product["id"], 2)], token)
        body = self.shop.order_body(cart_id, option_id)
        key = idempotency_key()

        outcomes = race([lambda: self.shop.place_order(token, body, key)] * RETRIES)

        created = [answer for status, _, answer in outcomes if status == 201]
        self.assertTrue(created, summary(outcomes))
        for status, headers, answer in outcomes:
            if status != 201:
                # Only a retry that gave up waiting for the first may differ.
                self.assertEqual((status, answer["code"]), (409, "idempotency_in_progress"), answer)
                self.assertIn("Retry-After", headers)
        self.assertEqual({order["id"] for order in created}, {created[0]["id"]})
        self.assertEqual(created[0]["status"], "paid", created[0])
        self.assertEqual([order["id"] for order in self.shop.own_orders(token)], [created[0]["id"]])
        self.assert_one_captured_payment(created[0])
        self.assertEqual(self.shop.stock(product["id"]), (3, 0, 3), "(on_hand, reserved, available)")

        # Later: the first answer again, marked as a replay.
        status, headers, again = self.shop.place_order(token, body, key)
        self.assertEqual((status, again["id"]), (201, created[0]["id"]), again)
        self.assertEqual(headers.get("Idempotent-Replayed"), "true")
        # The same key with another body is a conflict, and changes nothing.
        other = dict(body, payment={"method": "card", "card": dict(body["payment"]["card"], exp_year=2035)})
        assert_problem(self, self.shop.place_order(token, other, key), 409, "idempotency_mismatch")
        self.assertEqual(len(self.shop.own_orders(token)), 1)
        self.assertEqual(self.shop.stock(product["id"]), (3, 0, 3))

    def test_orders_need_an_idempotency_key(self):
        product = self.shop.product(self.token("seller"), 1)
        _, token = self.shop.customer()
        cart_id, option_id = self.shop.ready_cart([(product["id"], 1)], token)
        answer = self.shop.call("POST", "/orders", self.shop.order_body(cart_id, option_id), token=token)
        assert_problem(self, answer, 400, "idempotency_key_required")
        self.assertEqual(self.shop.own_orders(token), [])
        self.assertEqual(self.shop.stock(product["id"]), (1, 0, 1))


class DeclinedCard(CheckoutCase):
    def test_a_declined_card_is_402_gives_the_stock_back_and_cancels_the_order(self):
        product = self.shop.product(self.token("seller"), 5)
        _, token = self.shop.customer()
        cart_id, option_id = self.shop.ready_cart([(product["id"], 2)], token)

        answer = self.shop.place_order(token, self.shop.order_body(cart_id, option_id, DECLINED_CARD))

        assert_problem(self, answer, 402, "payment_declined")
        self.assertEqual(self.shop.stock(product["id"]), (5, 0, 5), "(on_hand, reserved, available)")
        [order] = self.shop.own_orders(token)
        self.assertEqual(order["status"], "cancelled", order)
        payments = self.shop.payments(order["id"], self.token("admin"))
        self.assertEqual([p["status"] for p in payments if p["status"] in ("captured", "authorized")], [], payments)
        # The cart was not checked out: the customer can pay with another card.
        status, _, paid = self.shop.place_order(token, self.shop.order_body(cart_id, option_id))
        self.assertEqual((status, paid.get("status")), (201, "paid"), paid)
        self.assertEqual(self.shop.stock(product["id"]), (3, 0, 3))


class CardData(CheckoutCase):
    def test_card_numbers_and_cvcs_reach_neither_the_log_nor_the_database(self):
        product = self.shop.product(self.token("seller"), 3)
        _, token = self.shop.customer()
        status, _, order = self.shop.checkout(token, [(product["id"], 1)])
        self.assertEqual(status, 201, order)
        self.assertEqual((order["payment"]["brand"], order["payment"]["last4"]), ("visa", TEST_CARD[-4:]))
        self.assertEqual(self.shop.checkout(token, [(product["id"], 1)], DECLINED_CARD)[0], 402)

        log = self.server.log_text()
        # The log saw both checkouts (else this test proves nothing).
        statuses = [line.get("status") for line in self.server.log_lines() if line.get("route") == "/api/v1/orders"]
        self.assertIn(201, statuses)
        self.assertIn(402, statuses)
        for number in (TEST_CARD, DECLINED_CARD):
            self.assertNotIn(number, log)
            self.assertNotIn(number[:12], log)
        self.assertIsNone(re.search(r"cvc\W{0,6}" + TEST_CVC, log, re.IGNORECASE))

        dump = subprocess.run([f"{POSTGRES_BIN_DIR}/pg_dump", "--data-only",
                               "--dbname", embedded_conninfo(self.server.data_dir)],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(dump.returncode, 0, dump.stderr)
        self.assertIn(order["id"], dump.stdout, "the dump should hold the order (else this test proves nothing)")
        for number in (TEST_CARD, DECLINED_CARD):
            self.assertNotIn(number, dump.stdout)
        self.assertIsNone(re.search(r"cvc\W{0,6}" + TEST_CVC, dump.stdout, re.IGNORECASE))


if __name__ == "__main__":
    unittest.main()
