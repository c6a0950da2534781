"""The inventory against the real binary: stock levels per variant and
warehouse, who may change them (401/403/404/422), warehouses, low-stock
alerts, concurrent decrements that never go below zero, stock reaching the
catalog's in_stock, and the expiry job giving back a reservation that a
crashed checkout left behind."""

import json
import threading
import unittest

from shop_client import RoleUsersCase, poll, unique
from user_client import assert_problem, start_shared_server, stop_shared_server

# Many requests from one address, and an expiry job that looks every 200 ms.
INVENTORY_ENV = {
    "EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND": "10000",
    "EMPORIUM_RATE_LIMITS_DEFAULT_BURST": "10000",
    "EMPORIUM_INVENTORY_EXPIRY_INTERVAL_MS": "200",
}
LEVEL_FIELDS = {"variant_id", "product_id", "on_hand", "reserved", "available", "low_stock_threshold", "warehouses"}


def setUpModule():
    start_shared_server(INVENTORY_ENV)
    RoleUsersCase.setup_role_users()


def tearDownModule():
    stop_shared_server()


class InventoryCase(RoleUsersCase):
    def product(self, sizes=None, token_key="seller"):
        """A new product of the seller; with `sizes`, one variant per size."""
        body = {"name": unique("Lamp"), "price": 12.5}
        if sizes:
            body["options"] = [{"name": "Size", "values": sizes}]
        status, _, created = self.api.call("POST", "/products", body, token=self.token(token_key))
        self.assertEqual(status, 201, created)
        return created

    def variant_id(self, product, index=0):
        return product["variants"][index]["id"]

    def level(self, variant_id, token_key=None):
        status, _, level = self.api.call("GET", f"/inventory/{variant_id}", token=self.token(token_key))
        self.assertEqual(status, 200, level)
        return level

    def put(self, variant_id, body, token_key="seller"):
        return self.api.call("PUT", f"/inventory/{variant_id}", body, token=self.token(token_key))

    def patch(self, product_id, body, token_key="seller"):
        return self.api.call("PATCH", f"/products/{product_id}/stock", body, token=self.token(token_key))

    def warehouses(self):
        status, _, listed = self.api.call("GET", "/warehouses?per_page=100", token=self.token("admin"))
        self.assertEqual(status, 200, listed)
        return listed["results"]

    def events(self, name, variant_id):
        rows = self.api.sql(f"SELECT payload FROM inventory.outbox WHERE name = '{name}' "
                            f"AND payload->>'variant_id' = '{variant_id}' ORDER BY occurred_at, id")
        return [json.loads(line) for line in rows.splitlines() if line]


class StockLevels(InventoryCase):
    def test_a_new_variant_has_no_stock_and_guests_read_it(self):
        product = self.product()
        level = self.level(self.variant_id(product))
        self.assertEqual(set(level), LEVEL_FIELDS)
        self.assertEqual((level["variant_id"], level["product_id"]), (self.variant_id(product), product["id"]))
        self.assertEqual((level["on_hand"], level["reserved"], level["available"], level["warehouses"]), (0, 0, 0, []))
        self.assertEqual(level["low_stock_threshold"], 5)

    def test_the_seller_sets_stock_per_warehouse_and_totals_add_up(self):
        product = self.product()
        variant = self.variant_id(product)
        status, _, level = self.put(variant, {"on_hand": 8})
        self.assertEqual(status, 200, level)
        main = self.warehouses()[0]
        self.assertEqual(main["code"], "MAIN")
        self.assertEqual(level["warehouses"], [{"warehouse_id": main["id"], "on_hand": 8, "reserved": 0, "available": 8}])

        status, _, east = self.api.call("POST", "/warehouses", {"name": "East", "code": unique("east")},
                                        token=self.token("admin"))
        self.assertEqual(status, 201, east)
        status, _, level = self.put(variant, {"warehouse_id": east["id"], "on_hand": 5})
        self.assertEqual(status, 200, level)
        self.assertEqual((level["on_hand"], level["available"]), (13, 13))
        self.assertEqual([w["warehouse_id"] for w in level["warehouses"]], [main["id"], east["id"]])
        self.assertEqual(self.level(variant), level)

    def test_a_product_id_stands_for_its_sole_variant(self):
        product = self.product()
        status, _, level = self.put(product["id"], {"on_hand": 4})
        self.assertEqual(status, 200, level)
        self.assertEqual(level["variant_id"], self.variant_id(product))
        self.assertEqual(self.level(product["id"])["on_hand"], 4)
        sized = self.product(sizes=["S", "M"])
        assert_problem(self, self.api.call("GET", f"/inventory/{sized['id']}"), 422, "variant_required")
        assert_problem(self, self.put(sized["id"], {"on_hand": 1}), 422, "variant_required")

    def test_unknown_variants_are_not_found(self):
        assert_problem(self, self.api.call("GET", "/inventory/var_nowhere"), 404, "not_found")
        assert_problem(self, self.put("var_nowhere", {"on_hand": 1}), 404, "not_found")
        assert_problem(self, self.patch("prod_nowhere", {"delta": 1}), 404, "not_found")

    def test_bad_bodies_are_refused_naming_each_field(self):
        variant = self.variant_id(self.product())
        problem = assert_problem(self, self.put(variant, {"on_hand": -1, "warehouse_id": 3, "onhand": 2}), 422,
                                 "validation_failed")
        self.assertEqual(sorted(e["field"] for e in problem["errors"]), ["on_hand", "onhand", "warehouse_id"])
        problem = assert_problem(self, self.patch(self.product()["id"], {"delta": "many"}), 422, "validation_failed")
        self.assertEqual([e["field"] for e in problem["errors"]], ["delta"])
        problem = assert_problem(self, self.put(variant, {"on_hand": 1, "warehouse_id": "wh_nowhere"}), 422,
                                 "unknown_warehouse")
        self.assertEqual(problem["errors"][0]["field"], "warehouse_id")
        status, _, _ = self.api.server.request("PUT", f"/api/v1/inventory/{variant}", b"{",
                                               {"Authorization": f"Bearer {self.token('seller')}",
                                                "Content-Type": "application/json"})
        self.assertEqual(status, 400)


class WhoMayChangeStock(InventoryCase):
    def test_guests_customers_and_other_sellers_may_not(self):
        product = self.product()
        variant = self.variant_id(product)
        assert_problem(self, self.put(variant, {"on_hand": 1}, token_key=None), 401, "unauthenticated")
        assert_problem(self, self.patch(product["id"], {"delta": 1}, token_key=None), 401, "unauthenticated")
        assert_problem(self, self.put(variant, {"on_hand": 1}, token_key="customer"), 403, "forbidden")
        assert_problem(self, self.patch(product["id"], {"delta": 1}, token_key="customer"), 403, "forbidden")
        assert_problem(self, self.put(variant, {"on_hand": 1}, token_key="other_seller"), 403, "forbidden")
        assert_problem(self, self.patch(product["id"], {"delta": 1}, token_key="other_seller"), 403, "forbidden")
        self.assertEqual(self.level(variant)["on_hand"], 0)

    def test_the_seller_and_an_admin_may(self):
        product = self.product()
        self.assertEqual(self.patch(product["id"], {"delta": 3})[0], 200)
        # Once stocked, ownership comes from the inventory's own copy: still refused to others.
        assert_problem(self, self.patch(product["id"], {"delta": 1}, token_key="other_seller"), 403, "forbidden")
        status, _, level = self.patch(product["id"], {"delta": 2}, token_key="admin")
        self.assertEqual((status, level["on_hand"]), (200, 5))
        status, _, level = self.put(self.variant_id(product), {"on_hand": 9}, token_key="admin")
        self.assertEqual((status, level["on_hand"]), (200, 9))


class Adjustments(InventoryCase):
    def test_patch_adds_and_removes_units_in_the_default_warehouse(self):
        product = self.product()
        status, _, level = self.patch(product["id"], {"delta": 10})
        self.assertEqual((status, level["on_hand"]), (200, 10), level)
        status, _, level = self.patch(product["id"], {"delta": -4})
        self.assertEqual((status, level["on_hand"], level["available"]), (200, 6, 6))
        problem = assert_problem(self, self.patch(product["id"], {"delta": -7}), 422, "negative_stock")
        self.assertIn("would be -1", problem["detail"])
        self.assertEqual(self.level(product["id"])["on_hand"], 6)

    def test_a_product_with_several_variants_needs_one_of_its_own(self):
        sized = self.product(sizes=["S", "M"])
        problem = assert_problem(self, self.patch(sized["id"], {"delta": 1}), 422, "variant_required")
        self.assertEqual(problem["errors"][0]["field"], "variant_id")
        status, _, level = self.patch(sized["id"], {"delta": 2, "variant_id": self.variant_id(sized, 1)})
        self.assertEqual((status, level["variant_id"], level["on_hand"]), (200, self.variant_id(sized, 1), 2))
        other = self.product()
        assert_problem(self, self.patch(sized["id"], {"delta": 1, "variant_id": self.variant_id(other)}), 422,
                       "variant_mismatch")

    def test_stock_cannot_go_below_the_reserved_units(self):
        product = self.product()
        variant = self.variant_id(product)
        self.put(variant, {"on_hand": 5})
        hold_with_sql(self.api, variant, self.warehouses()[0]["id"], 3, unique("ord_"), expires_in_s=3600)
        self.assertEqual((self.level(variant)["reserved"], self.level(variant)["available"]), (3, 2))
        problem = assert_problem(self, self.put(variant, {"on_hand": 2}), 422, "below_reserved")
        self.assertIn("below the 3 units reserved", problem["detail"])
        assert_problem(self, self.patch(product["id"], {"delta": -3}), 422, "below_reserved")
        self.assertEqual(self.patch(product["id"], {"delta": -2})[0], 200)
        self.assertEqual(self.level(variant)["available"], 0)

    def test_fifty_concurrent_decrements_of_ten_units_succeed_ten_times(self):
        product = self.product()
        self.patch(product["id"], {"delta": 10})
        token = self.token("seller")
        outcomes = []
        lock = threading.Lock()
        start = threading.Event()

        def take_one():
            start.wait()
            status, _, body = self.api.call("PATCH", f"/products/{product['id']}/stock", {"delta": -1}, token=token)
            with lock:
                outcomes.append((status, body.get("code") if status != 200 else None))

        threads = [threading.Thread(target=take_one) for _ in range(50)]
        for thread in threads:
            thread.start()
        start.set()
        for thread in threads:
            thread.join()
        self.assertEqual(outcomes.count((200, None)), 10, outcomes)
        self.assertEqual(outcomes.count((422, "negative_stock")), 40, outcomes)
        level = self.level(product["id"])
        self.assertEqual((level["on_hand"], level["available"]), (0, 0))
        versions = [event["version"] for event in self.events("inventory.stock_changed", level["variant_id"])]
        self.assertEqual(sorted(versions), list(range(1, 12)))


class Warehouses(InventoryCase):
    def test_only_admins_list_and_create_warehouses(self):
        assert_problem(self, self.api.call("GET", "/warehouses"), 401, "unauthenticated")
        for key in ("customer", "seller"):
            assert_problem(self, self.api.call("GET", "/warehouses", token=self.token(key)), 403, "forbidden")
            assert_problem(self, self.api.call("POST", "/warehouses", {"name": "X", "code": unique("x")},
                                               token=self.token(key)), 403, "forbidden")

    def test_codes_are_upper_case_and_unique(self):
        code = unique("north-")
        status, _, created = self.api.call("POST", "/warehouses", {"name": "North", "code": code},
                                           token=self.token("admin"))
        self.assertEqual(status, 201, created)
        self.assertRegex(created["id"], r"^wh_[0-9a-f]{20}$")
        self.assertEqual((created["name"], created["code"]), ("North", code.upper()))
        self.assertRegex(created["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        assert_problem(self, self.api.call("POST", "/warehouses", {"name": "Again", "code": code.lower()},
                                           token=self.token("admin")), 409, "warehouse_code_taken")
        problem = assert_problem(self, self.api.call("POST", "/warehouses", {"name": "", "code": "no spaces"},
                                                     token=self.token("admin")), 422, "validation_failed")
        self.assertEqual(sorted(e["field"] for e in problem["errors"]), ["code", "name"])
        listed = self.warehouses()
        self.assertEqual(listed[0]["code"], "MAIN")
        self.assertIn(created, listed)


class LowStock(InventoryCase):
    def alerts(self):
        status, _, alerts = self.api.call("GET", "/inventory/alerts?per_page=100", token=self.token("admin"))
        self.assertEqual(status, 200, alerts)
        return alerts

    def alert_for(self, variant_id):
        pages = self.alerts()
        for page in range(2, (pages["total"] + 99) // 100 + 1):
            more = self.api.call("GET", f"/inventory/alerts?per_page=100&page={page}", token=self.token("admin"))[2]
            pages["results"] += more["results"]
        return next((alert for alert in pages["results"] if alert["variant_id"] == variant_id), None)

    def test_only_admins_see_alerts(self):
        assert_problem(self, self.api.call("GET", "/inventory/alerts"), 401, "unauthenticated")
        assert_problem(self, self.api.call("GET", "/inventory/alerts", token=self.token("seller")), 403, "forbidden")

    def test_falling_to_the_threshold_raises_an_alert_and_one_event(self):
        product = self.product()
        variant = self.variant_id(product)
        self.put(variant, {"on_hand": 20})
        self.assertIsNone(self.alert_for(variant))
        self.put(variant, {"on_hand": 4})
        alert = self.alert_for(variant)
        self.assertEqual(alert, {"variant_id": variant, "product_id": product["id"], "seller_id": self.user_id("seller"),
                                 "on_hand": 4, "reserved": 0, "available": 4, "threshold": 5})
        self.put(variant, {"on_hand": 2})
        events = self.events("inventory.low_stock", variant)
        self.assertEqual(len(events), 1)
        self.assertEqual((events[0]["available"], events[0]["threshold"]), (4, 5))
        self.put(variant, {"on_hand": 30})
        self.assertIsNone(self.alert_for(variant))

    def test_a_products_own_threshold(self):
        product = self.product()
        variant = self.variant_id(product)
        status, _, level = self.put(variant, {"on_hand": 8, "low_stock_threshold": 10})
        self.assertEqual((status, level["low_stock_threshold"]), (200, 10), level)
        self.assertEqual(self.alert_for(variant)["threshold"], 10)
        status, _, level = self.put(variant, {"on_hand": 8, "low_stock_threshold": None})
        self.assertEqual(level["low_stock_threshold"], 5)
        self.assertIsNone(self.alert_for(variant))


class CatalogSeesStock(InventoryCase):
    def test_stock_changes_reach_the_catalogs_in_stock(self):
        product = self.product()
        path = f"/products/{product['id']}"
        self.assertFalse(self.api.call("GET", path)[2]["in_stock"])
        self.assertEqual(self.patch(product["id"], {"delta": 6})[0], 200)
        detail = poll(lambda: (lambda d: d if d["in_stock"] else None)(self.api.call("GET", path)[2]),
                      "in_stock turning true")
        self.assertEqual(detail["stock"], {"available": 6})
        self.assertEqual(self.patch(product["id"], {"delta": -6})[0], 200)
        poll(lambda: not self.api.call("GET", path)[2]["in_stock"], "in_stock turning false")


class ReservationExpiry(InventoryCase):
    def test_the_expiry_job_gives_back_what_a_crashed_checkout_held(self):
        product = self.product()
        variant = self.variant_id(product)
        self.put(variant, {"on_hand": 5})
        order_id = unique("ord_crashed")
        hold_with_sql(self.api, variant, self.warehouses()[0]["id"], 5, order_id, expires_in_s=-1)
        level = poll(lambda: (lambda l: l if l["available"] == 5 else None)(self.level(variant)),
                     "the expired reservation being released")
        self.assertEqual((level["on_hand"], level["reserved"]), (5, 0))
        self.assertEqual(self.api.sql(f"SELECT status FROM inventory.reservations WHERE order_id = '{order_id}'"),
                         "expired")
        poll(lambda: self.api.call("GET", f"/products/{product['id']}")[2]["in_stock"], "the catalog seeing stock")


def hold_with_sql(api, variant_id, warehouse_id, quantity, order_id, expires_in_s):
    """Holds units for `order_id` as the order module's reserve() would, straight
    in the database: until orders exist, HTTP cannot reserve."""
    api.sql(f"""
        BEGIN;
        INSERT INTO inventory.reservations (order_id, status, request, expires_at)
          VALUES ('{order_id}', 'reserved', '{variant_id}*{quantity}', now() + interval '{expires_in_s} seconds');
        UPDATE inventory.stock SET reserved = reserved + {quantity}
          WHERE variant_id = '{variant_id}' AND warehouse_id = '{warehouse_id}';
        UPDATE inventory.variants SET reserved = reserved + {quantity}, version = version + 1
          WHERE variant_id = '{variant_id}';
        INSERT INTO inventory.reservation_lines (order_id, variant_id, warehouse_id, quantity)
          VALUES ('{order_id}', '{variant_id}', '{warehouse_id}', {quantity});
        COMMIT;""")


if __name__ == "__main__":
    unittest.main()
