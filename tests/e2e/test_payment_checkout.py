"""Payments made through checkout, against the real binary: one captured
payment per paid order with brand and last4 only, admin refunds that add up
to the capture and replay by Idempotency-Key, a card that needs the
provider's confirmation settled by a signed webhook exactly once, refused
webhooks that change nothing, and no card number or CVC in the server's log."""

import json
import time
import unittest

from checkout_client import DECLINED_CARD, TEST_CARD, TEST_CVC, CheckoutApi, minor
from shop_client import poll, unique
from test_payments import PAYMENT_ENV, PaymentCase, signature
from user_client import assert_problem, start_shared_server, stop_shared_server
from shop_client import RoleUsersCase

ASYNC_CARD = "4000000000003220"


def setUpModule():
    start_shared_server(PAYMENT_ENV)
    RoleUsersCase.setup_role_users()


def tearDownModule():
    stop_shared_server()


class CheckoutPaymentCase(PaymentCase):
    def setUp(self):
        super().setUp()
        self.shop = CheckoutApi(self.server)

    def order(self, card_number=TEST_CARD, expected_status=201):
        """A customer's order of one 12.50 product through checkout: (customer token, order)."""
        _, token = self.shop.customer()
        product = self.shop.product(self.token("seller"), 5)
        status, _, order = self.shop.checkout(token, [(product["id"], 1)], card_number)
        self.assertEqual(status, expected_status, order)
        return token, order

    def only_payment(self, order_id, token):
        payments = self.shop.payments(order_id, token)
        self.assertEqual(len(payments), 1, payments)
        return payments[0]

    def refund(self, payment_id, body, key):
        return self.api.call("POST", f"/payments/{payment_id}/refund", body, token=self.token("admin"),
                             headers={"Idempotency-Key": key})

    def signed(self, raw):
        return signature(self.secret(), int(time.time()), raw)


class CheckoutPaymentTest(CheckoutPaymentCase):
    def test_a_paid_order_has_one_captured_payment_with_brand_and_last4_only(self):
        token, order = self.order()
        payment = self.only_payment(order["id"], token)
        self.assertEqual(payment["status"], "captured")
        self.assertEqual((payment["brand"], payment["last4"]), ("visa", "4242"))
        self.assertEqual(minor(payment["amount"]), minor(order["total"]))
        self.assertEqual(minor(payment["captured_amount"]), minor(order["total"]))
        self.assertEqual(payment["id"], order["payment"]["id"])
        text = json.dumps(payment)
        self.assertNotIn(TEST_CARD, text)
        self.assertNotIn("cvc", text)
        # Someone else's order is 404; an admin sees it.
        _, stranger = self.shop.customer()
        assert_problem(self, self.api.call("GET", f"/orders/{order['id']}/payments", token=stranger), 404, "not_found")
        status, _, listed = self.api.call("GET", f"/orders/{order['id']}/payments", token=self.token("admin"))
        self.assertEqual(status, 200, listed)
        self.assertEqual((listed["total"], listed["page"]), (1, 1))

    def test_admin_refunds_add_up_to_the_capture_and_a_repeated_key_replays(self):
        token, order = self.order()
        payment = self.only_payment(order["id"], token)
        total = minor(payment["captured_amount"])
        key = unique("refund")
        status, _, first = self.refund(payment["id"], {"amount": 1}, key)
        self.assertEqual(status, 200, first)
        self.assertEqual(first["status"], "partially_refunded")
        self.assertEqual(minor(first["refunded_amount"]), 100)
        status, headers, again = self.refund(payment["id"], {"amount": 1}, key)
        self.assertEqual((status, headers.get("Idempotent-Replayed")), (200, "true"))
        self.assertEqual(again, first)
        assert_problem(self, self.refund(payment["id"], {"amount": 2}, key), 409, "idempotency_mismatch")
        over = (total - 100 + 1) / 100
        assert_problem(self, self.refund(payment["id"], {"amount": over}, unique("refund")), 422,
                       "refund_exceeds_captured")
        status, _, rest = self.refund(payment["id"], None, unique("refund"))
        self.assertEqual(status, 200, rest)
        self.assertEqual(rest["status"], "refunded")
        self.assertEqual(minor(rest["refunded_amount"]), total)
        self.assertEqual(len(rest["refunds"]), 2)
        assert_problem(self, self.api.call("POST", f"/payments/{payment['id']}/capture", token=self.token("admin")),
                       409, "invalid_payment_state")
        assert_problem(self, self.refund(payment["id"], {"amount": 0.01}, unique("refund")), 409,
                       "invalid_payment_state")

    def test_a_card_needing_confirmation_is_settled_by_a_signed_webhook_exactly_once(self):
        token, order = self.order(ASYNC_CARD)
        payment = self.only_payment(order["id"], token)
        self.assertEqual(payment["status"], "pending")
        event = {"id": unique("evt_"), "type": "payment.succeeded", "data": {"payment_id": payment["id"]}}
        status, _, applied = self.post_webhook(event, self.signed)
        self.assertEqual(status, 200, applied)
        self.assertEqual(applied["payment"]["status"], "captured")
        poll(lambda: self.shop.order(order["id"], token)["status"] == "paid", "the order becoming paid")
        assert_problem(self, self.post_webhook(event, self.signed), 400, "duplicate_webhook")
        refund = {"id": unique("evt_"), "type": "refund.succeeded",
                  "data": {"payment_id": payment["id"], "amount": 2.5}}
        status, _, refunded = self.post_webhook(refund, self.signed)
        self.assertEqual(status, 200, refunded)
        self.assertEqual(minor(refunded["payment"]["refunded_amount"]), 250)
        assert_problem(self, self.post_webhook(refund, self.signed), 400, "duplicate_webhook")
        self.assertEqual(minor(self.only_payment(order["id"], token)["refunded_amount"]), 250)

    def test_a_stale_or_unsigned_webhook_changes_nothing(self):
        token, order = self.order(ASYNC_CARD)
        payment = self.only_payment(order["id"], token)
        event = {"id": unique("evt_"), "type": "payment.succeeded", "data": {"payment_id": payment["id"]}}
        secret = self.secret()
        assert_problem(self, self.post_webhook(event, lambda raw: signature(secret, int(time.time()) - 301, raw)),
                       400, "stale_webhook")
        assert_problem(self, self.post_webhook(event), 400, "invalid_signature")
        self.assertEqual(self.only_payment(order["id"], token)["status"], "pending")
        # The event id was not spent: the correctly signed delivery still applies.
        status, _, applied = self.post_webhook(event, self.signed)
        self.assertEqual(status, 200, applied)

    def test_no_card_number_or_cvc_reaches_the_server_log(self):
        self.order()
        self.order(DECLINED_CARD, expected_status=402)
        self.order(ASYNC_CARD)
        log = self.server.log_text()
        self.assertIn('"payment"', log)  # the payment module logs here: the check reads the right log
        for number in (TEST_CARD, DECLINED_CARD, ASYNC_CARD):
            self.assertNotIn(number, log)
        self.assertNotIn("cvc", log.lower())
        self.assertNotIn(f'"{TEST_CVC}"', log)  # a CVC would be logged as a JSON string



if __name__ == "__main__":
    unittest.main()
