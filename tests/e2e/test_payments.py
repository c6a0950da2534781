"""Payments against the real binary, without orders: signed provider
webhooks (unsigned, badly signed, stale in either direction, unknown
provider), the generated webhook secret in the data dir, who may see and
move payments, and the business counters in /metrics. Payments made through
checkout are in test_payment_checkout.py."""

import hashlib
import hmac
import json
import os
import stat
import time
import unittest

from checkout_client import CHECKOUT_ENV
from shop_client import RoleUsersCase, unique
from user_client import assert_problem, start_shared_server, stop_shared_server

PAYMENT_ENV = dict(CHECKOUT_ENV)
WEBHOOK = "/api/v1/payments/webhooks/test"
SECRET_FILE = "payment-test-webhook-secret"


def setUpModule():
    start_shared_server(PAYMENT_ENV)
    RoleUsersCase.setup_role_users()


def tearDownModule():
    stop_shared_server()


def signature(secret, timestamp, body):
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


class PaymentCase(RoleUsersCase):
    def secret(self):
        """The webhook secret the server generated into its data dir on first start."""
        path = os.path.join(self.server.data_dir, SECRET_FILE)
        with open(path) as file:
            return file.read().strip()

    def post_webhook(self, body, header=None, provider="test"):
        raw = json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if header is not None:
            headers["Emporium-Signature"] = header(raw) if callable(header) else header
        status, headers, data = self.server.request("POST", f"/api/v1/payments/webhooks/{provider}", raw, headers)
        return status, headers, json.loads(data) if data else None

    def event(self, payment_id="pay_unknown"):
        return {"id": unique("evt_"), "type": "payment.succeeded", "data": {"payment_id": payment_id}}


class WebhookSecretTest(PaymentCase):
    def test_the_secret_is_generated_into_the_data_dir_private_and_random(self):
        path = os.path.join(self.server.data_dir, SECRET_FILE)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        secret = self.secret()
        self.assertGreaterEqual(len(secret), 32)
        self.assertNotIn(secret, self.server.log_text())


class WebhookSignatureTest(PaymentCase):
    def test_an_unsigned_webhook_is_400_invalid_signature(self):
        assert_problem(self, self.post_webhook(self.event()), 400, "invalid_signature")

    def test_a_malformed_signature_header_is_400_invalid_signature(self):
        for header in ("", "garbage", f"t={int(time.time())}", "v1=abcdef", f"t=abc,v1=00"):
            with self.subTest(header=header):
                assert_problem(self, self.post_webhook(self.event(), header), 400, "invalid_signature")

    def test_a_signature_with_another_secret_or_over_another_body_is_400(self):
        now = int(time.time())
        assert_problem(self, self.post_webhook(self.event(), lambda raw: signature("not-the-secret", now, raw)),
                       400, "invalid_signature")
        other = json.dumps(self.event()).encode()
        assert_problem(self, self.post_webhook(self.event(), signature(self.secret(), now, other)),
                       400, "invalid_signature")

    def test_a_correct_signature_older_or_newer_than_five_minutes_is_400_stale_webhook(self):
        secret = self.secret()
        for offset in (-400, 400):
            with self.subTest(offset=offset):
                stamp = int(time.time()) + offset
                assert_problem(self, self.post_webhook(self.event(), lambda raw: signature(secret, stamp, raw)),
                               400, "stale_webhook")

    def test_a_signed_event_for_no_payment_is_refused_and_not_recorded(self):
        secret = self.secret()
        event = self.event("pay_does_not_exist")
        sign = lambda raw: signature(secret, int(time.time()), raw)
        assert_problem(self, self.post_webhook(event, sign), 422, "unknown_payment")
        # Not recorded as seen: the same event id is judged again, not called a replay.
        assert_problem(self, self.post_webhook(event, sign), 422, "unknown_payment")

    def test_a_signed_event_of_unknown_type_is_400_invalid_webhook(self):
        secret = self.secret()
        event = {"id": unique("evt_"), "type": "payment.exploded", "data": {"payment_id": "pay_x"}}
        assert_problem(self, self.post_webhook(event, lambda raw: signature(secret, int(time.time()), raw)),
                       400, "invalid_webhook")

    def test_an_unknown_provider_is_404(self):
        assert_problem(self, self.post_webhook(self.event(), "t=1,v1=00", provider="paypal"), 404, "not_found")


class PaymentAccessTest(PaymentCase):
    def test_an_order_without_payment_is_404_and_a_guest_401(self):
        assert_problem(self, self.api.call("GET", "/orders/ord_unknown/payments", token=self.token("customer")),
                       404, "not_found")
        assert_problem(self, self.api.call("GET", "/orders/ord_unknown/payments"), 401, "unauthenticated")

    def test_capture_and_refund_are_for_admins(self):
        for key in ("customer", "seller"):
            with self.subTest(role=key):
                assert_problem(self, self.api.call("POST", "/payments/pay_x/capture", token=self.token(key)),
                               403, "forbidden")
                assert_problem(self, self.api.call("POST", "/payments/pay_x/refund", {"amount": 1},
                                                   token=self.token(key), headers={"Idempotency-Key": unique("k")}),
                               403, "forbidden")

    def test_a_refund_needs_an_idempotency_key_and_an_existing_payment(self):
        admin = self.token("admin")
        assert_problem(self, self.api.call("POST", "/payments/pay_x/refund", {"amount": 1}, token=admin),
                       400, "idempotency_key_required")
        assert_problem(self, self.api.call("POST", "/payments/pay_x/refund", {"amount": 1}, token=admin,
                                           headers={"Idempotency-Key": unique("k")}), 404, "not_found")
        assert_problem(self, self.api.call("POST", "/payments/pay_x/capture", token=admin), 404, "not_found")

    def test_a_refund_body_is_validated(self):
        admin = self.token("admin")
        for body in ({"amount": -1}, {"amount": 1.234}, {"amount": 1, "reason": "typo"}):
            with self.subTest(body=body):
                assert_problem(self, self.api.call("POST", "/payments/pay_x/refund", body, token=admin,
                                                   headers={"Idempotency-Key": unique("k")}),
                               422, "validation_failed")


class PaymentMetricsTest(PaymentCase):
    def test_the_business_counters_are_exported(self):
        status, _, raw = self.server.request("GET", "/metrics")
        self.assertEqual(status, 200)
        text = raw.decode()
        for name in ("emporium_payment_captured_total", "emporium_payment_refunded_minor_total"):
            self.assertIn(name, text)


if __name__ == "__main__":
    unittest.main()
