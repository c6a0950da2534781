"""A crash in the middle of checkouts: SIGKILL the server while customers are
paying, restart it on the same data directory, and wait until every order is
consistent: paid with its stock committed and one captured payment, or
cancelled with its stock and money given back; nothing stays reserved, and
the outbox has delivered every event once. The same when PostgreSQL itself
crashes first (an immediate shutdown, which loses the WAL it had not
written out), since a checkout's units of work commit without waiting for
the WAL flush: recovery must leave each saga at a step it can finish or
undo, and keep every order a customer was answered for.

A PostgreSQL crash cannot lose what its WAL writer already handed to the
kernel, so only a crash of the machine would show a missing flush here;
tests/integration/async_commits_pgtest.cpp checks the flush itself, at the
WAL's flush position."""

import json
import os
import random
import signal
import sys
import threading
import unittest

from checkout_client import (CHECKOUT_ENV, DECLINED_CARD, TEST_CARD, CheckoutApi, minor, order_units, results)
from emporium_server import EmporiumServer, ServerTestCase
from shop_client import poll

# The saga looks for unfinished checkouts soon after a restart.
CRASH_ENV = dict(CHECKOUT_ENV, **{
    "EMPORIUM_ORDER_SAGA_REPAIR_AFTER_MS": "1000",
    "EMPORIUM_ORDER_SAGA_REPAIR_INTERVAL_MS": "500",
    # A charge lost before the provider call is voided after this, so its
    # order is cancelled within the test's deadline.
    "EMPORIUM_PAYMENT_ABANDONED_CHARGE_AFTER_MS": "2000",
})
CUSTOMERS = 24
STOCK = 60
PAID_BEFORE_KILL = 8
CONSISTENT_WITHIN_S = 120


class CrashDuringCheckout(ServerTestCase):
    def setUp(self):
        self.server = EmporiumServer(env=CRASH_ENV)
        self.addCleanup(self.server.close)
        self.server.start()
        self.shop = CheckoutApi(self.server)

    def servers(self):
        return [self.server] if hasattr(self, "server") else []

    def test_orders_are_paid_or_cancelled_and_consistent_after_a_sigkill(self):
        self.crash_and_check(self.kill_server)

    def test_orders_are_paid_or_cancelled_and_consistent_after_a_database_crash(self):
        # PostgreSQL crashes the moment the last awaited answer arrives, with
        # checkouts in flight, then the server is killed; the restart
        # recovers the database first.
        self.crash_and_check(self.kill_server_after_database, on_enough_answers=self.crash_database)

    def kill_server(self):
        self.assertEqual(self.server.kill(), -9)

    def crash_database(self):
        """SIGQUIT to the postmaster: an immediate shutdown, in which no
        process writes out the WAL it still buffers, as in a crash."""
        with open(os.path.join(self.server.data.cluster_dir, "postmaster.pid")) as pid_file:
            os.kill(int(pid_file.readline()), signal.SIGQUIT)

    def kill_server_after_database(self):
        poll(lambda: not self.server.data.postgres_running(), "PostgreSQL gone after SIGQUIT", timeout=30)
        self.kill_server()

    def crash_and_check(self, crash, on_enough_answers=None):
        _, seller = self.shop.user_of_role("seller")
        _, self.admin = self.shop.user_of_role("admin")
        self.products = [self.shop.product(seller, STOCK)["id"] for _ in range(2)]
        customers = self.shop.customers(CUSTOMERS)

        answered = self.checkouts_until_killed(customers, crash, on_enough_answers)

        self.server.start()
        problems = []
        try:
            poll(lambda: not self.remember(problems, self.inconsistencies), "a consistent shop after the restart",
                 timeout=CONSISTENT_WITHIN_S)
        except AssertionError:
            self.fail("still inconsistent after the restart:\n" + "\n".join(problems))

        orders = {order["id"]: order for order in self.orders()}
        for order_id, status in answered.items():
            self.assertIn(order_id, orders, "an order the client saw was lost")
            self.assertEqual(orders[order_id]["status"], status, orders[order_id])
        self.assertGreaterEqual(len([o for o in orders.values() if o["status"] == "paid"]), PAID_BEFORE_KILL)
        self.assert_every_event_delivered_once(orders)
        repaired = [line for line in self.server.log_lines() if line.get("msg") == "repairing an interrupted checkout"]
        print(f"\n{len(answered)} orders answered before the kill; after the restart "
              f"{sum(o['status'] == 'paid' for o in orders.values())} paid, "
              f"{sum(o['status'] == 'cancelled' for o in orders.values())} cancelled, "
              f"{len(repaired)} interrupted checkouts repaired", file=sys.stderr)

    # The load and the kill ------------------------------------------------------

    def checkouts_until_killed(self, customers, crash, on_enough_answers=None):
        """Customers check out in a loop (every fifth card declined) until
        PAID_BEFORE_KILL orders are paid; then `crash` ends the server with
        requests in flight. `on_enough_answers` runs in the customer's thread
        the moment the last of those answers arrives. Returns {order id:
        status} of the answered orders."""
        answered = {}
        lock = threading.Lock()
        stop = threading.Event()

        def shop_until_stopped(token, seed):
            chooser = random.Random(seed)
            while not stop.is_set():
                lines = [(product_id, chooser.randint(1, 2)) for product_id in self.products]
                card = DECLINED_CARD if chooser.randrange(5) == 0 else TEST_CARD
                try:
                    status, _, body = self.shop.checkout(token, lines, card)
                except Exception:
                    return  # the server is gone (or refused a step): this customer stops
                with lock:
                    if status == 201:
                        answered[body["id"]] = body["status"]
                        if len(answered) == PAID_BEFORE_KILL and on_enough_answers:
                            on_enough_answers()

        threads = [threading.Thread(target=shop_until_stopped, args=(token, index))
                   for index, (_, token) in enumerate(customers)]
        for thread in threads:
            thread.start()
        try:
            poll(lambda: len(answered) >= PAID_BEFORE_KILL, f"{PAID_BEFORE_KILL} paid orders", timeout=120)
        finally:
            stop.set()
            crash()
            for thread in threads:
                thread.join()
        with lock:
            return dict(answered)

    # What consistent means ------------------------------------------------------

    def remember(self, problems, check):
        """Runs `check`, keeping what it found (or why it could not look) for the failure message."""
        try:
            problems[:] = check()
        except (AssertionError, OSError, ValueError, KeyError) as error:
            problems[:] = [f"could not check: {error!r}"]
        return problems

    def orders(self):
        """Every order with its lines, as an admin reads it."""
        return [self.shop.order(summary["id"], self.admin) for summary in self.shop.all_orders(self.admin)]

    def inconsistencies(self):
        problems = []
        orders = self.orders()
        for order in orders:
            payments = self.shop.payments(order["id"], self.admin)
            captured = [p for p in payments if p["status"] == "captured"]
            if order["status"] == "paid":
                if len(captured) != 1 or minor(captured[0]["amount"]) != minor(order["total"]):
                    problems.append(f"paid order {order['id']} (total {order['total']}) has payments {payments}")
            elif order["status"] == "cancelled":
                held = [p for p in payments if p["status"] in ("captured", "authorized", "pending")]
                if held:
                    problems.append(f"cancelled order {order['id']} still holds money: {payments}")
            else:
                problems.append(f"order {order['id']} is {order['status']}")
        for product_id in self.products:
            on_hand, reserved, available = self.shop.stock(product_id)
            sold = sum(order_units(order, product_id) for order in orders if order["status"] == "paid")
            if reserved != 0 or on_hand + sold != STOCK or available != on_hand:
                problems.append(f"{product_id}: on_hand {on_hand} reserved {reserved} available {available}, "
                                f"{sold} units in paid orders, {STOCK} at the start")
        backlog = self.event_backlog()
        if backlog:
            problems.append(f"events not delivered: {backlog}")
        return problems

    def event_schemas(self):
        return self.shop.sql("SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox' "
                             "ORDER BY 1").split()

    def event_backlog(self):
        """Outbox rows not relayed and inbox rows not done, per schema."""
        backlog = {}
        for schema in self.event_schemas():
            counts = self.shop.sql(f"SELECT (SELECT count(*) FROM {schema}.outbox WHERE relayed_at IS NULL) || ' ' || "
                                   f"(SELECT count(*) FROM {schema}.inbox WHERE status <> 'done')")
            unrelayed, undone = map(int, counts.split())
            if unrelayed or undone:
                backlog[schema] = {"unrelayed": unrelayed, "not_done": undone}
        return backlog

    def assert_every_event_delivered_once(self, orders):
        status, _, parked = self.shop.call("GET", "/admin/events/parked", token=self.admin)
        self.assertEqual((status, results(parked)), (200, []), parked)
        events = [json.loads(line) for line in self.shop.sql(
            "SELECT json_build_object('id', id, 'name', name, 'order_id', payload->>'order_id') FROM orders.outbox "
            "WHERE name IN ('order.placed', 'order.paid', 'order.cancelled')").splitlines() if line]
        per_order = {}
        for event in events:
            per_order.setdefault(event["order_id"], []).append(event["name"])
        for order_id, order in orders.items():
            names = sorted(per_order.get(order_id, []))
            expected = ["order.paid", "order.placed"] if order["status"] == "paid" else \
                ["order.cancelled", "order.placed"]
            self.assertEqual(names, expected, f"events of {order_id} ({order['status']})")
        # Each order.placed reached the notification module and became one
        # in-app notification for the customer (the inbox dedups repeats).
        for event in events:
            if event["name"] != "order.placed":
                continue
            with self.subTest(event=event["id"], order=event["order_id"]):
                count = self.shop.sql("SELECT count(*) FROM notification.deliveries "
                                      f"WHERE event_id = '{event['id']}' AND channel = 'in_app'")
                self.assertEqual(count, "1")


if __name__ == "__main__":
    unittest.main()
