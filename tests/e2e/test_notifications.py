"""Notifications against the real binary and a real SMTP server (aiosmtpd on
a free loopback port): welcome and password-reset emails, templates with
HTML-escaped data, admin send, in-app notifications, preferences, retries
while the SMTP server is down, and a permanently failing delivery that an
admin retries."""

import email
import email.policy
import os
import sys
import threading
import time
import unittest

try:
    from aiosmtpd.controller import Controller
except ImportError:  # Debian's python3-aiosmtpd, when python3 is not the system one
    sys.path.append("/usr/lib/python3/dist-packages")
    from aiosmtpd.controller import Controller

from emporium_server import EmporiumServer, free_port
from user_client import FAST_ENV, UserApi, assert_problem, unique_email

SMTP_PORT = free_port()
ENV = dict(FAST_ENV, **{
    "EMPORIUM_SMTP_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
    "EMPORIUM_MAIL_FROM": "shop@emporium.test",
    "EMPORIUM_OUTBOX_POLL_INTERVAL_MS": "200",
    "EMPORIUM_NOTIFICATION_POLL_INTERVAL_MS": "100",
    "EMPORIUM_NOTIFICATION_MAX_ATTEMPTS": "6",
    "EMPORIUM_NOTIFICATION_BACKOFF_BASE_MS": "400",
    "EMPORIUM_NOTIFICATION_BACKOFF_MAX_MS": "2000",
    "EMPORIUM_NOTIFICATION_SMTP_TIMEOUT_MS": "5000",
})


class Sink:
    """An aiosmtpd handler that keeps every message and can refuse recipients."""

    def __init__(self):
        self.messages = []
        self.refused = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def wait_for(self, predicate, timeout=20.0, what="a message"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for item in self.messages:
                    if predicate(*item):
                        return item
            time.sleep(0.05)
        raise AssertionError(f"no {what} arrived within {timeout}s; got {[m[2]['Subject'] for m in self.messages]}")


SINK = Sink()
SMTP = {"controller": None}
SERVER = {}


def smtp_up():
    controller = Controller(SINK, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    SMTP["controller"] = controller


def smtp_down():
    if SMTP["controller"] is not None:
        SMTP["controller"].stop()
        SMTP["controller"] = None


def setUpModule():
    smtp_up()
    SERVER["server"] = EmporiumServer(env=ENV).__enter__()


def tearDownModule():
    try:
        SERVER["server"].__exit__(None, None, None)
    finally:
        smtp_down()


def to(address):
    return lambda mail_from, rcpts, message: address in rcpts


def read_text(path):
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


class NotificationTest(unittest.TestCase):
    def setUp(self):
        self.server = SERVER["server"]
        self.api = UserApi(self.server)
        if not hasattr(NotificationTest, "admin"):
            NotificationTest.admin = self.api.user_of_role("admin")

    def admin_call(self, method, path, payload=None):
        return self.api.call(method, path, payload, token=self.admin[1])

    def deliveries(self, status=None):
        path = "/notifications/deliveries?per_page=100" + (f"&status={status}" if status else "")
        code, _, body = self.admin_call("GET", path)
        self.assertEqual(code, 200, body)
        return body["results"]

    def wait_delivery(self, delivery_id, predicate, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for d in self.deliveries():
                if d["id"] == delivery_id and predicate(d):
                    return d
            time.sleep(0.1)
        raise AssertionError(f"delivery {delivery_id} never matched; now {[d for d in self.deliveries() if d['id'] == delivery_id]}")


class Emails(NotificationTest):
    def test_registration_sends_a_welcome_email_with_proper_headers(self):
        address, user, _, _ = self.api.new_user(name="Zoë Welcome")
        mail_from, rcpts, message = SINK.wait_for(to(address), what="welcome email")
        self.assertEqual(mail_from, "shop@emporium.test")
        self.assertEqual(rcpts, [address])
        self.assertEqual(message["To"], address)
        self.assertEqual(message["From"], "shop@emporium.test")
        self.assertIn("Zoë Welcome", message["Subject"])
        self.assertTrue(message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@emporium.test>"))
        self.assertIsNotNone(message["Date"].datetime)
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        text, html = parts(message)
        self.assertIn(address, text)
        self.assertIn("<strong>", html)

    def test_password_reset_email_carries_the_token(self):
        address, user, token, _ = self.api.new_user()
        SINK.wait_for(to(address), what="welcome email")
        code, _, _ = self.api.call("POST", "/auth/password-reset", {"email": address})
        self.assertIn(code, (200, 202, 204))
        reset_token = self.api.events("user.password_reset_requested", user["id"])[-1]["reset_token"]
        _, _, message = SINK.wait_for(lambda f, r, m: address in r and "Reset" in m["Subject"], what="reset email")
        text, html = parts(message)
        self.assertIn(reset_token, text)
        self.assertIn(reset_token, html)

    def test_a_template_escapes_data_in_html_only(self):
        address, user, _, _ = self.api.new_user(name="Ann")
        code, _, delivery = self.admin_call("POST", "/notifications/send-template", {
            "user_id": user["id"], "template": "shipment",
            "data": {"order_id": "A-1", "tracking_number": "<script>alert('x')</script> & co"}})
        self.assertEqual(code, 202, delivery)
        self.assertEqual((delivery["status"], delivery["channel"], delivery["template"]), ("queued", "email", "shipment"))
        _, _, message = SINK.wait_for(lambda f, r, m: address in r and "A-1" in m["Subject"], what="shipment email")
        text, html = parts(message)
        self.assertIn("<script>alert('x')</script> & co", text)
        self.assertIn("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co", html)
        self.assertNotIn("<script>", html)

    def test_send_template_with_a_missing_variable_is_422_naming_it(self):
        _, user, _, _ = self.api.new_user()
        response = self.admin_call("POST", "/notifications/send-template", {
            "user_id": user["id"], "template": "shipment", "data": {"order_id": "A-2"}})
        assert_problem(self, response, 422, "validation_failed")
        self.assertIn("tracking_number", str(response[2]))

    def test_admin_send_email_and_role_checks(self):
        address, user, token, _ = self.api.new_user()
        code, _, delivery = self.admin_call("POST", "/notifications/send", {
            "user_id": user["id"], "channel": "email", "subject": "A note from the shop", "body": "Hello there"})
        self.assertEqual(code, 202, delivery)
        _, _, message = SINK.wait_for(lambda f, r, m: address in r and m["Subject"] == "A note from the shop")
        self.assertIn("Hello there", message.get_body(preferencelist=("plain",)).get_content())
        self.wait_delivery(delivery["id"], lambda d: d["status"] == "sent" and d["sent_at"])
        response = self.api.call("POST", "/notifications/send", {
            "user_id": user["id"], "channel": "email", "subject": "x", "body": "y"}, token=token)
        assert_problem(self, response, 403, "forbidden")
        response = self.admin_call("POST", "/notifications/send", {
            "user_id": user["id"], "channel": "pigeon", "subject": "x", "body": "y"})
        assert_problem(self, response, 422, "validation_failed")


class Templates(NotificationTest):
    def test_get_and_put_template_and_unknown_variables_are_422(self):
        code, _, template = self.admin_call("GET", "/notifications/templates/welcome")
        self.assertEqual(code, 200, template)
        self.assertIn("name", template["variables"])
        response = self.admin_call("PUT", "/notifications/templates/refund", {
            "subject": "Refund {{coupon_code}}", "text_body": "x", "html_body": "y"})
        assert_problem(self, response, 422, "validation_failed")
        self.assertIn("coupon_code", str(response[2]))
        code, _, saved = self.admin_call("PUT", "/notifications/templates/cancellation", {
            "subject": "Cancelled: {{order_id}}", "text_body": "Dear {{name}}, {{order_id}} is cancelled.",
            "html_body": "<p>Dear {{name}}, {{order_id}} is cancelled.</p>"})
        self.assertEqual(code, 200, saved)
        self.assertEqual(saved["subject"], "Cancelled: {{order_id}}")
        assert_problem(self, self.admin_call("GET", "/notifications/templates/nope"), 404, "not_found")


class InApp(NotificationTest):
    def test_welcome_in_app_list_and_read(self):
        _, user, token, _ = self.api.new_user()
        deadline = time.monotonic() + 20
        while True:  # the welcome arrives through the event bus
            code, _, page = self.api.call("GET", "/notifications", token=token)
            self.assertEqual(code, 200, page)
            if page["total"] >= 1 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        code, _, delivery = self.admin_call("POST", "/notifications/send", {
            "user_id": user["id"], "channel": "in_app", "subject": "Second", "body": "Newer"})
        self.assertEqual((code, delivery["status"]), (202, "sent"))
        code, _, page = self.api.call("GET", "/notifications", token=token)
        self.assertEqual(page["total"], 2, page)
        self.assertEqual(set(page), {"total", "page", "per_page", "results"})
        titles = [n["title"] for n in page["results"]]
        self.assertEqual(titles[0], "Second")
        self.assertTrue(titles[1].startswith("Welcome"))
        first = page["results"][0]
        self.assertFalse(first["read"])
        code, _, read = self.api.call("POST", f"/notifications/{first['id']}/read", token=token)
        self.assertEqual((code, read["read"]), (200, True))
        _, _, other_token, _ = self.api.new_user()
        response = self.api.call("POST", f"/notifications/{first['id']}/read", token=other_token)
        assert_problem(self, response, 404, "not_found")
        assert_problem(self, self.api.call("GET", "/notifications"), 401, "unauthenticated")


class PersonalData(NotificationTest):
    def test_export_holds_notifications_and_erasure_removes_them(self):
        address, user, token, _ = self.api.new_user()
        SINK.wait_for(to(address), what="welcome email")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            code, _, exported = self.api.call("GET", "/users/me/export", token=token)
            self.assertEqual(code, 200, exported)
            if exported["notifications"]["in_app"]:
                break
            time.sleep(0.1)
        self.assertTrue(exported["notifications"]["in_app"][0]["title"].startswith("Welcome"))
        self.assertEqual(exported["notifications"]["preferences"]["channels"]["email"], True)
        self.assertEqual(self.api.call("DELETE", "/users/me", token=token)[0], 204)
        query = ("SELECT (SELECT count(*) FROM notification.in_app WHERE user_id = '{id}') || '|' || "
                 "(SELECT count(*) FROM notification.deliveries WHERE user_id = '{id}' AND recipient <> '')")
        deadline = time.monotonic() + 20
        while self.api.sql(query.format(id=user["id"])) != "0|0" and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(self.api.sql(query.format(id=user["id"])), "0|0")


class Preferences(NotificationTest):
    def test_switched_off_email_is_not_sent_but_password_reset_still_is(self):
        address, user, token, _ = self.api.new_user()
        SINK.wait_for(to(address), what="welcome email")
        code, _, prefs = self.api.call("GET", "/notifications/preferences", token=token)
        self.assertEqual((code, prefs["channels"]["email"]), (200, True))
        code, _, prefs = self.api.call("PUT", "/notifications/preferences",
                                       {"channels": {"email": False}, "categories": {"account": False}}, token=token)
        self.assertEqual(code, 200, prefs)
        self.assertEqual((prefs["channels"]["email"], prefs["categories"]["account"], prefs["channels"]["in_app"]),
                         (False, False, True))
        response = self.api.call("PUT", "/notifications/preferences", {"channels": {"fax": True}}, token=token)
        assert_problem(self, response, 422, "validation_failed")
        # The password reset is transactional: preferences cannot switch it off.
        self.api.call("POST", "/auth/password-reset", {"email": address})
        SINK.wait_for(lambda f, r, m: address in r and "Reset" in m["Subject"], what="reset email")


class LowStock(NotificationTest):
    def in_app_titles(self, token):
        code, _, page = self.api.call("GET", "/notifications?per_page=100", token=token)
        self.assertEqual(code, 200, page)
        return [n["title"] for n in page["results"]]

    def test_low_stock_notifies_the_seller_and_every_admin(self):
        seller_id, seller_token = self.api.user_of_role("seller")
        seller_email = self.api.call("GET", "/users/me", token=seller_token)[2]["email"]
        code, _, product = self.api.call("POST", "/products", {"name": "Notified lamp", "price": 12.5},
                                         token=seller_token)
        self.assertEqual(code, 201, product)
        variant = product["variants"][0]["id"]
        self.assertEqual(self.api.call("PUT", f"/inventory/{variant}", {"on_hand": 20}, token=seller_token)[0], 200)
        self.assertEqual(self.api.call("PUT", f"/inventory/{variant}", {"on_hand": 3}, token=seller_token)[0], 200)
        _, _, message = SINK.wait_for(lambda f, r, m: seller_email in r and product["id"] in m["Subject"],
                                      what="low-stock email to the seller")
        self.assertIn("3", message.get_body(preferencelist=("plain",)).get_content())
        expected = f"Low stock: product {product['id']}"
        deadline = time.monotonic() + 20
        while expected not in self.in_app_titles(self.admin[1]) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertIn(expected, self.in_app_titles(self.admin[1]))
        self.assertIn(expected, self.in_app_titles(seller_token))


class DevMail(unittest.TestCase):
    def test_without_smtp_each_email_is_an_eml_file_in_the_data_dir(self):
        env = {key: value for key, value in ENV.items() if key != "EMPORIUM_SMTP_URL"}
        with EmporiumServer(env=env) as server:
            address, _, _, _ = UserApi(server).new_user(name="Eml Reader")
            mail_dir = os.path.join(server.data_dir, "mail")
            deadline = time.monotonic() + 20
            files = []
            while time.monotonic() < deadline:
                files = [f for f in os.listdir(mail_dir)] if os.path.isdir(mail_dir) else []
                if files:
                    break
                time.sleep(0.1)
            self.assertEqual(len(files), 1, files)
            self.assertTrue(files[0].endswith(".eml"))
            with open(os.path.join(mail_dir, files[0]), "rb") as handle:
                message = email.message_from_bytes(handle.read(), policy=email.policy.default)
            self.assertEqual(message["To"], address)
            self.assertIn("Eml Reader", message["Subject"])
            server.wait_for_log(lambda line: "email written" in str(line) and files[0] in str(line))
            # SMS through the dev provider: one line per message in <data_dir>/sms.log.
            api = UserApi(server)
            _, admin_token = api.user_of_role("admin")
            _, user, _, _ = api.new_user()
            code, _, delivery = api.call("POST", "/notifications/send", {
                "user_id": user["id"], "channel": "sms", "subject": "ignored", "body": "Your code\nis 1234"},
                token=admin_token)
            self.assertEqual((code, delivery["channel"]), (202, "sms"), delivery)
            sms_log = os.path.join(server.data_dir, "sms.log")
            deadline = time.monotonic() + 20
            while "1234" not in read_text(sms_log) and time.monotonic() < deadline:
                time.sleep(0.1)
            line = read_text(sms_log).strip().splitlines()[-1]
            self.assertIn(user["id"], line)
            self.assertIn("Your code is 1234", line)


class Retries(NotificationTest):
    def test_a_delivery_is_retried_until_the_smtp_server_comes_back(self):
        _, user, _, _ = self.api.new_user()
        SINK.wait_for(to(user["email"]), what="welcome email")
        smtp_down()
        try:
            code, _, delivery = self.admin_call("POST", "/notifications/send", {
                "user_id": user["id"], "channel": "email", "subject": "While down", "body": "eventually"})
            self.assertEqual(code, 202, delivery)
            failed_once = self.wait_delivery(delivery["id"], lambda d: d["attempts"] >= 2 and d["status"] == "queued")
            self.assertTrue(failed_once["last_error"])
        finally:
            smtp_up()
        SINK.wait_for(lambda f, r, m: user["email"] in r and m["Subject"] == "While down", what="retried email")
        sent = self.wait_delivery(delivery["id"], lambda d: d["status"] == "sent")
        self.assertGreaterEqual(sent["attempts"], 3)

    def test_a_permanently_failing_delivery_stays_failed_and_an_admin_retries_it(self):
        _, user, _, _ = self.api.new_user()
        SINK.wait_for(to(user["email"]), what="welcome email")
        SINK.refused.add(user["email"])
        code, _, delivery = self.admin_call("POST", "/notifications/send", {
            "user_id": user["id"], "channel": "email", "subject": "Refused", "body": "no"})
        failed = self.wait_delivery(delivery["id"], lambda d: d["status"] == "failed", timeout=40)
        self.assertEqual(failed["attempts"], 6)
        self.assertIn("smtp", failed["last_error"])
        self.assertIn(delivery["id"], [d["id"] for d in self.deliveries("failed")])
        SINK.refused.discard(user["email"])
        code, _, retried = self.admin_call("POST", f"/notifications/deliveries/{delivery['id']}/retry")
        self.assertEqual((code, retried["status"]), (202, "queued"), retried)
        SINK.wait_for(lambda f, r, m: user["email"] in r and m["Subject"] == "Refused", what="retried email")
        self.wait_delivery(delivery["id"], lambda d: d["status"] == "sent")
        response = self.admin_call("POST", f"/notifications/deliveries/{delivery['id']}/retry")
        assert_problem(self, response, 409, "delivery_not_failed")
        assert_problem(self, self.admin_call("GET", "/notifications/deliveries?status=bogus"), 400, "invalid_query")


if __name__ == "__main__":
    unittest.main()
