"""Helpers for the checkout's end-to-end tests: customers, products with stock,
guest carts, shipping quotes and orders placed with a card and an
Idempotency-Key, stock levels and payments, all over HTTP as the contract
(the Cart, Shipping, Orders and Payments parts of the API) describes them."""

import itertools
import os
import threading
import uuid

from shop_client import unique
from user_client import FAST_ENV, UserApi, expect

# Cards of the `test` provider (the contract's Payments section).
TEST_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"
INSUFFICIENT_FUNDS_CARD = "4000000000009995"
# An unusual CVC, so that finding it in a log means the log holds the card data.
TEST_CVC = "987"

ADDRESS = {"name": "Ann Lee", "line1": "1 Main Street", "city": "Springfield", "region": "IL",
           "postal_code": "62701", "country": "US"}

# Many customers from one address: the limiter must not answer 429 to the
# load under test; the saga's repair and the inventory's expiry look often.
CHECKOUT_ENV = dict(FAST_ENV, **{
    "EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND": "100000",
    "EMPORIUM_RATE_LIMITS_DEFAULT_BURST": "100000",
    "EMPORIUM_RATE_LIMITS_AUTH_PER_SECOND": "100000",
    "EMPORIUM_RATE_LIMITS_AUTH_BURST": "100000",
    "EMPORIUM_DB_POOL_SIZE": "16",
    "EMPORIUM_INVENTORY_EXPIRY_INTERVAL_MS": "500",
    "EMPORIUM_OUTBOX_POLL_INTERVAL_MS": "200",
})

_keys = itertools.count(1)


def idempotency_key():
    return f"e2e-{os.getpid()}-{next(_keys)}-{uuid.uuid4().hex}"


def card(number=TEST_CARD, cvc=TEST_CVC):
    return {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": cvc}


def results(body):
    """The items of a list answer: {"results": [...]} per the contract, or a bare array."""
    if isinstance(body, list):
        return body
    expect(isinstance(body, dict), f"not a list answer: {body}")
    for field in ("results", "payments", "items"):
        if isinstance(body.get(field), list):
            return body[field]
    raise AssertionError(f"no list in {body}")


def minor(amount):
    """A JSON money amount (at most two decimals) as integer minor units."""
    return int(round(float(amount) * 100))


class CheckoutApi(UserApi):
    """The checkout endpoints of one server; calls return (status, headers, body)."""

    # Accounts -----------------------------------------------------------------

    def customer(self):
        """A newly registered customer: (user id, access token)."""
        _, user, token, _ = self.new_user()
        return user["id"], token

    def customers(self, count, threads=8):
        """`count` customers registered from `threads` threads: [(user id, token)]."""
        made = [None] * count
        errors = []

        def work(indexes):
            try:
                for index in indexes:
                    made[index] = self.customer()
            except BaseException as error:  # reported below, on the caller's thread
                errors.append(error)

        workers = [threading.Thread(target=work, args=(range(i, count, threads),)) for i in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if errors:
            raise errors[0]
        return made

    # Products and stock -------------------------------------------------------

    def product(self, seller_token, stock, price=12.5, weight_grams=400, name=None):
        """A new single-variant product of the seller with `stock` units on hand."""
        status, _, created = self.call("POST", "/products", {"name": name or unique("Kettle"), "price": price,
                                                             "weight_grams": weight_grams}, token=seller_token)
        expect(status == 201, f"POST /products answered {status}: {created}")
        if stock:
            status, _, level = self.call("PATCH", f"/products/{created['id']}/stock", {"delta": stock},
                                         token=seller_token)
            expect(status == 200 and level["on_hand"] == stock, f"PATCH stock answered {status}: {level}")
        return created

    def stock(self, product_id):
        """(on_hand, reserved, available) of a single-variant product."""
        status, _, level = self.call("GET", f"/inventory/{product_id}")
        expect(status == 200, f"GET /inventory answered {status}: {level}")
        return level["on_hand"], level["reserved"], level["available"]

    # Cart and quote -----------------------------------------------------------

    def new_cart(self, token=None):
        """A new cart (a guest cart without a token): its id."""
        status, _, cart = self.call("POST", "/carts", token=token)
        expect(status == 201, f"POST /carts answered {status}: {cart}")
        return cart["id"]

    def add_item(self, cart_id, product_id, quantity=1, token=None):
        return self.call("POST", f"/carts/{cart_id}/items", {"product_id": product_id, "quantity": quantity},
                         token=token)

    def quote(self, cart_id, address=None, token=None):
        return self.call("POST", "/shipping/quote", {"cart_id": cart_id, "address": address or ADDRESS}, token=token)

    def cheapest_option(self, cart_id, address=None, token=None):
        status, _, quote = self.quote(cart_id, address, token)
        expect(status == 200 and quote.get("options"), f"POST /shipping/quote answered {status}: {quote}")
        return min(quote["options"], key=lambda option: minor(option["price"]))["id"]

    def ready_cart(self, lines, token=None, address=None):
        """A guest cart holding `lines` [(product id, quantity)] and the id of its
        cheapest shipping option: (cart id, option id)."""
        cart_id = self.new_cart()
        for product_id, quantity in lines:
            status, _, body = self.add_item(cart_id, product_id, quantity)
            expect(status in (200, 201), f"POST /carts/{cart_id}/items answered {status}: {body}")
        return cart_id, self.cheapest_option(cart_id, address, token)

    # Orders and payments ------------------------------------------------------

    @staticmethod
    def order_body(cart_id, option_id, card_number=TEST_CARD, address=None, cvc=TEST_CVC):
        return {"cart_id": cart_id, "shipping_address": address or ADDRESS, "shipping_option_id": option_id,
                "payment": {"method": "card", "card": card(card_number, cvc)}}

    def place_order(self, token, body, key=None, **kwargs):
        """POST /orders with `body` and an Idempotency-Key (a new one unless given)."""
        return self.call("POST", "/orders", body, token=token, headers={"Idempotency-Key": key or idempotency_key()},
                         **kwargs)

    def checkout(self, token, lines, card_number=TEST_CARD, key=None):
        """The whole path for a customer: cart, items, quote, order. The answer to POST /orders."""
        cart_id, option_id = self.ready_cart(lines, token)
        return self.place_order(token, self.order_body(cart_id, option_id, card_number), key)

    def order(self, order_id, token):
        status, _, order = self.call("GET", f"/orders/{order_id}", token=token)
        expect(status == 200, f"GET /orders/{order_id} answered {status}: {order}")
        return order

    def own_orders(self, token):
        status, _, listed = self.call("GET", "/orders?per_page=100", token=token)
        expect(status == 200, f"GET /orders answered {status}: {listed}")
        return results(listed)

    def all_orders(self, admin_token):
        """Every order in the shop, through the admin list."""
        orders = []
        page = 1
        while True:
            status, _, listed = self.call("GET", f"/admin/orders?per_page=100&page={page}", token=admin_token)
            expect(status == 200, f"GET /admin/orders answered {status}: {listed}")
            orders += results(listed)
            if len(orders) >= listed.get("total", 0) or not results(listed):
                return orders
            page += 1

    def payments(self, order_id, token):
        """The order's payments; an order that never reached the payment step may answer 404."""
        status, _, listed = self.call("GET", f"/orders/{order_id}/payments?per_page=100", token=token)
        if status == 404 and listed.get("code") == "not_found":
            return []
        expect(status == 200, f"GET /orders/{order_id}/payments answered {status}: {listed}")
        return results(listed)


def order_units(order, product_id):
    """Units of `product_id` in an order's lines."""
    return sum(item["quantity"] for item in order["items"] if item["product_id"] == product_id)
