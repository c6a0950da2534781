"""Authentication against the real binary: registration, sign-in, access
tokens (forgeries refused, JWKS verifies them), refresh rotation with reuse
detection, sign-out, password reset through the outbox event, and login
throttling per account and per client address."""

import datetime
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unittest

from emporium_server import DataDir, EmporiumServer, ServerTestCase
from user_client import (FAST_ENV, PASSWORD, SharedServerTestCase, UserApi, assert_problem, b64url_decode,
                         b64url_encode, ed25519_verifies, jwt_parts, jwt_segment, start_shared_server,
                         stop_shared_server, unique_email)

MAX_FAILURES = 3
MAX_FAILURES_PER_ADDRESS = 6
THROTTLE_ENV = {
    "EMPORIUM_USER_LOGIN_MAX_FAILURES": str(MAX_FAILURES),
    "EMPORIUM_USER_LOGIN_MAX_FAILURES_PER_ADDRESS": str(MAX_FAILURES_PER_ADDRESS),
    "EMPORIUM_USER_LOGIN_LOCKOUT_SECONDS": "120",
}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def cookie_attributes(set_cookie):
    """{'refresh_token': value, 'path': ..., 'max-age': ..., 'httponly': True, ...} of a Set-Cookie value."""
    parts = [part.strip() for part in set_cookie.split(";")]
    name, value = parts[0].split("=", 1)
    attributes = {name: value}
    for part in parts[1:]:
        key, _, val = part.partition("=")
        attributes[key.lower()] = val if val else True
    return attributes


def setUpModule():
    start_shared_server(THROTTLE_ENV)


def tearDownModule():
    stop_shared_server()


class Registration(SharedServerTestCase):
    def test_register_returns_the_user_and_a_working_token(self):
        email = unique_email("Reg")
        status, headers, body = self.api.register(email, name="Ann Lee")
        self.assertEqual(status, 201, body)
        user = body["user"]
        self.assertRegex(user["id"], r"^usr_[0-9a-f]{20}$")
        self.assertEqual((user["email"], user["name"], user["role"]), (email, "Ann Lee", "customer"))
        self.assertRegex(body["expires_at"], RFC3339)
        self.assertTrue(body["refresh_token"])
        self.assertNotIn("password", user)
        self.assertNotIn("password_hash", user)
        status, _, me = self.api.call("GET", "/users/me", token=body["token"])
        self.assertEqual(status, 200, me)
        self.assertEqual(me["id"], user["id"])

    def test_register_publishes_user_registered(self):
        email, user, _, _ = self.api.new_user(name="Bo")
        self.assertEqual(self.api.events("user.registered", user["id"]),
                         [{"user_id": user["id"], "email": email, "name": "Bo"}])

    def test_register_twice_with_another_case_is_409_email_taken(self):
        email = unique_email("case")
        self.assertEqual(self.api.register(email)[0], 201)
        assert_problem(self, self.api.register(email.upper()), 409, "email_taken")

    def test_register_validates_every_field_at_once(self):
        problem = assert_problem(self, self.api.call("POST", "/auth/register",
                                                     {"email": "not-an-email", "password": "short", "name": "",
                                                      "nickname": "x"}), 422, "validation_failed")
        self.assertEqual(sorted(error["field"] for error in problem["errors"]),
                         ["email", "name", "nickname", "password"])

    def test_register_refuses_passwords_over_128_characters(self):
        problem = assert_problem(self, self.api.register(password="x" * 129), 422, "validation_failed")
        self.assertEqual([error["field"] for error in problem["errors"]], ["password"])
        self.assertEqual(self.api.register(password="x" * 128)[0], 201)

    def test_register_needs_json(self):
        response = self.server.request("POST", "/api/v1/auth/register", b"email=a", {"Content-Type": "text/plain"})
        self.assertEqual(response[0], 415)
        status, _, _ = self.server.request("POST", "/api/v1/auth/register", b"{nope", {"Content-Type": "application/json"})
        self.assertEqual(status, 400)

    def test_password_hash_is_argon2id_and_never_the_password(self):
        _, user, _, _ = self.api.new_user()
        stored = self.api.sql(f"SELECT password_hash FROM users.accounts WHERE id = '{user['id']}'")
        self.assertTrue(stored.startswith("$argon2id$v=19$m=8,t=1,p=1$"), stored)
        self.assertNotIn(PASSWORD, stored)


class Login(SharedServerTestCase):
    def test_login_is_case_insensitive_and_sets_the_refresh_cookie(self):
        email, user, _, _ = self.api.new_user()
        status, headers, body = self.api.login(email.upper())
        self.assertEqual(status, 200, body)
        self.assertEqual(set(body) >= {"token", "expires_at", "refresh_token"}, True)
        self.assertEqual(jwt_parts(body["token"])[1]["sub"], user["id"])
        cookie = cookie_attributes(headers["Set-Cookie"])
        self.assertEqual(cookie["refresh_token"], body["refresh_token"])
        self.assertEqual(cookie["path"], "/api/v1/auth")
        self.assertIs(cookie["httponly"], True)
        self.assertEqual(cookie["samesite"], "Strict")
        self.assertNotIn("secure", cookie, "plain HTTP must not mark the cookie Secure")
        self.assertEqual(headers.get("Cache-Control"), "no-store")

    def test_wrong_password_and_unknown_email_give_the_same_401(self):
        email, _, _, _ = self.api.new_user()
        wrong = assert_problem(self, self.api.login(email, "wrong password!"), 401, "invalid_credentials")
        unknown = assert_problem(self, self.api.login(unique_email("ghost")), 401, "invalid_credentials")
        self.assertEqual((wrong["title"], wrong["detail"]), (unknown["title"], unknown["detail"]))

    def metric(self, name):
        status, _, body = self.server.request("GET", "/metrics")
        self.assertEqual(status, 200)
        values = [line.split()[1] for line in body.decode().splitlines() if line.startswith(name + " ")]
        return float(values[0]) if values else 0.0

    def test_sign_ins_are_counted_by_outcome_in_metrics(self):
        email, _, _, _ = self.api.new_user()
        before = {name: self.metric(name) for name in ("emporium_user_logins_total", "emporium_user_failed_logins_total")}
        self.api.sign_in(email)
        self.api.login(email, "wrong password!", source_address="127.0.6.1")
        self.assertEqual(self.metric("emporium_user_logins_total"), before["emporium_user_logins_total"] + 1)
        self.assertEqual(self.metric("emporium_user_failed_logins_total"),
                         before["emporium_user_failed_logins_total"] + 1)
        self.assertGreaterEqual(self.metric("emporium_user_registrations_total"), 1)

    def test_login_validation_is_422(self):
        problem = assert_problem(self, self.api.call("POST", "/auth/login", {"email": "a@b.co", "pass": "x"}),
                                 422, "validation_failed")
        self.assertEqual(sorted(error["field"] for error in problem["errors"]), ["pass", "password"])


class AccessTokens(SharedServerTestCase):
    def test_token_is_an_eddsa_jwt_with_the_documented_claims(self):
        _, user, token, _ = self.api.new_user()
        header, claims, signature = jwt_parts(token)
        self.assertEqual(header["alg"], "EdDSA")
        self.assertEqual(header["typ"], "JWT")
        self.assertRegex(header["kid"], r"^[0-9a-f]{16}$")
        self.assertEqual(claims["iss"], "emporium")
        self.assertEqual(claims["sub"], user["id"])
        self.assertEqual(claims["role"], "customer")
        self.assertEqual(claims["exp"] - claims["iat"], 900)
        self.assertLessEqual(claims["nbf"], claims["iat"])
        self.assertEqual(len(signature), 64)

    def test_jwks_publishes_the_key_that_verifies_tokens(self):
        _, _, token, _ = self.api.new_user()
        status, headers, jwks = self.server.get_json("/.well-known/jwks.json")
        self.assertEqual(status, 200)
        self.assertIn("max-age", headers.get("Cache-Control", ""))
        header, _, signature = jwt_parts(token)
        keys = {key["kid"]: key for key in jwks["keys"]}
        self.assertIn(header["kid"], keys)
        key = keys[header["kid"]]
        self.assertEqual((key["kty"], key["crv"], key["alg"], key["use"]), ("OKP", "Ed25519", "EdDSA", "sig"))
        self.assertNotIn("d", key, "the JWKS must never carry the private key")
        public_key = b64url_decode(key["x"])
        self.assertEqual(len(public_key), 32)
        signing_input = token.rsplit(".", 1)[0].encode()
        self.assertTrue(ed25519_verifies(public_key, signing_input, signature))
        self.assertFalse(ed25519_verifies(public_key, signing_input + b"x", signature))

    def test_signing_key_is_kept_private_in_the_data_dir(self):
        path = os.path.join(self.server.data_dir, "keys", "jwt-ed25519.seed")
        self.assertTrue(os.path.exists(path))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)

    def forged_tokens(self, token):
        header, claims, _ = jwt_parts(token)
        head, body, signature = token.split(".")
        admin_claims = dict(claims, role="admin")
        none_header = dict(header, alg="none")
        hs_header = dict(header, alg="HS256")
        return {
            "alg none, no signature": f"{jwt_segment(none_header)}.{jwt_segment(admin_claims)}.",
            "alg none, old signature": f"{jwt_segment(none_header)}.{body}.{signature}",
            "HS256 header": f"{jwt_segment(hs_header)}.{body}.{signature}",
            "role changed to admin": f"{head}.{jwt_segment(admin_claims)}.{signature}",
            "subject changed": f"{head}.{jwt_segment(dict(claims, sub='usr_someone_else'))}.{signature}",
            "expiry extended": f"{head}.{jwt_segment(dict(claims, exp=claims['exp'] + 86400))}.{signature}",
            "unknown kid": f"{jwt_segment(dict(header, kid='0000000000000000'))}.{body}.{signature}",
            "signature flipped": f"{head}.{body}.{b64url_encode(bytes([b64url_decode(signature)[0] ^ 1]) + b64url_decode(signature)[1:])}",
            "no signature": f"{head}.{body}.",
            "two parts": f"{head}.{body}",
            "garbage": "not-a-token",
        }

    def test_forged_tokens_are_refused_everywhere(self):
        _, _, token, _ = self.api.new_user()
        self.assertEqual(self.api.call("GET", "/users/me", token=token)[0], 200)
        for what, forged in self.forged_tokens(token).items():
            with self.subTest(what):
                assert_problem(self, self.api.call("GET", "/users/me", token=forged), 401, "invalid_token")
                assert_problem(self, self.api.call("GET", "/users", token=forged), 401, "invalid_token")
                status, _, body = self.api.call("POST", "/auth/verify", {"token": forged})
                self.assertEqual((status, body["valid"]), (200, False))

    def test_missing_or_non_bearer_authorization_is_401(self):
        assert_problem(self, self.api.call("GET", "/users/me"), 401, "unauthenticated")
        assert_problem(self, self.api.call("GET", "/users/me", headers={"Authorization": "Basic YTpi"}),
                       401, "invalid_token")

    def test_verify_reports_the_token_owner(self):
        _, user, token, _ = self.api.new_user()
        status, _, body = self.api.call("POST", "/auth/verify", {"token": token})
        self.assertEqual(status, 200)
        self.assertEqual(body["valid"], True)
        self.assertEqual((body["user_id"], body["role"]), (user["id"], "customer"))
        self.assertEqual(body["expires_at"], jwt_expiry(token))
        assert_problem(self, self.api.call("POST", "/auth/verify", {}), 422, "validation_failed")


def jwt_expiry(token):
    exp = jwt_parts(token)[1]["exp"]
    return datetime.datetime.fromtimestamp(exp, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class RefreshTokens(SharedServerTestCase):
    def refresh(self, refresh_token=None, cookie=None):
        headers = {"Cookie": f"refresh_token={cookie}"} if cookie else None
        payload = {"refresh_token": refresh_token} if refresh_token else None
        return self.api.call("POST", "/auth/refresh", payload, headers=headers)

    def test_refresh_rotates_and_issues_a_working_access_token(self):
        email, user, _, _ = self.api.new_user()
        _, first = self.api.sign_in(email)
        status, headers, body = self.refresh(first)
        self.assertEqual(status, 200, body)
        self.assertNotEqual(body["refresh_token"], first)
        self.assertEqual(cookie_attributes(headers["Set-Cookie"])["refresh_token"], body["refresh_token"])
        status, _, me = self.api.call("GET", "/users/me", token=body["token"])
        self.assertEqual((status, me["id"]), (200, user["id"]))

    def test_refresh_works_from_the_cookie_alone(self):
        email, _, _, _ = self.api.new_user()
        _, first = self.api.sign_in(email)
        status, _, body = self.refresh(cookie=first)
        self.assertEqual(status, 200, body)
        status, _, _ = self.refresh(cookie=body["refresh_token"])
        self.assertEqual(status, 200)

    def test_reusing_a_used_refresh_token_revokes_the_whole_family(self):
        email, _, _, _ = self.api.new_user()
        _, first = self.api.sign_in(email)
        _, _, second = self.refresh(first)
        _, _, third = self.refresh(second["refresh_token"])
        # The thief replays the first token: the family dies ...
        assert_problem(self, self.refresh(first), 401, "refresh_token_reused")
        # ... so the legitimate holder of the newest token is signed out too.
        assert_problem(self, self.refresh(third["refresh_token"]), 401, "invalid_refresh_token")
        # Another session of the same user is untouched.
        _, other = self.api.sign_in(email)
        self.assertEqual(self.refresh(other)[0], 200)

    def test_refresh_tokens_are_stored_as_hashes_only(self):
        email, user, _, _ = self.api.new_user()
        _, refresh_token = self.api.sign_in(email)
        stored = self.api.sql(f"SELECT token_hash FROM users.refresh_tokens WHERE user_id = '{user['id']}'")
        self.assertNotIn(refresh_token, stored)
        self.assertRegex(stored.splitlines()[0], r"^[0-9a-f]{64}$")

    def test_unknown_or_missing_refresh_token_is_401(self):
        assert_problem(self, self.refresh("made-up"), 401, "invalid_refresh_token")
        assert_problem(self, self.refresh(), 401, "invalid_refresh_token")
        assert_problem(self, self.api.call("POST", "/auth/refresh", {"refresh_token": "x", "extra": 1}), 422,
                       "validation_failed")

    def test_logout_revokes_the_refresh_token_and_clears_the_cookie(self):
        email, _, _, _ = self.api.new_user()
        _, refresh_token = self.api.sign_in(email)
        status, headers, _ = self.api.call("POST", "/auth/logout",
                                           headers={"Cookie": f"refresh_token={refresh_token}"})
        self.assertEqual(status, 204)
        cookie = cookie_attributes(headers["Set-Cookie"])
        self.assertEqual((cookie["refresh_token"], cookie["max-age"]), ("", "0"))
        assert_problem(self, self.refresh(refresh_token), 401, "invalid_refresh_token")

    def test_logout_with_a_json_body_and_repeated_logout(self):
        email, _, _, _ = self.api.new_user()
        _, refresh_token = self.api.sign_in(email)
        self.assertEqual(self.api.call("POST", "/auth/logout", {"refresh_token": refresh_token})[0], 204)
        self.assertEqual(self.api.call("POST", "/auth/logout", {"refresh_token": refresh_token})[0], 204)
        self.assertEqual(self.api.call("POST", "/auth/logout")[0], 204)
        assert_problem(self, self.refresh(refresh_token), 401, "invalid_refresh_token")


class PasswordReset(SharedServerTestCase):
    def request_reset(self, email):
        status, _, body = self.api.call("POST", "/auth/password-reset", {"email": email})
        self.assertEqual(status, 202, body)

    def test_reset_request_is_202_for_unknown_emails_too_and_sends_nothing(self):
        self.request_reset(unique_email("nobody"))
        rows = self.api.sql("SELECT count(*) FROM users.outbox WHERE name = 'user.password_reset_requested' "
                            "AND payload->>'email' LIKE 'nobody-%'")
        self.assertEqual(rows, "0")

    def test_reset_event_carries_what_the_email_needs_and_not_the_hash(self):
        email, user, _, _ = self.api.new_user(name="Cleo")
        self.request_reset(email.upper())
        events = self.api.events("user.password_reset_requested", user["id"])
        self.assertEqual(len(events), 1)
        event = events[0]
        self.assertEqual(set(event), {"user_id", "email", "name", "reset_token", "expires_at"})
        self.assertEqual((event["email"], event["name"]), (email, "Cleo"))
        self.assertRegex(event["expires_at"], RFC3339)
        stored = self.api.sql(f"SELECT token_hash FROM users.password_reset_tokens WHERE user_id = '{user['id']}'")
        self.assertNotIn(event["reset_token"], stored)

    def test_reset_confirm_sets_the_password_and_ends_every_session(self):
        email, user, _, _ = self.api.new_user()
        _, refresh_token = self.api.sign_in(email)
        self.request_reset(email)
        token = self.api.events("user.password_reset_requested", user["id"])[-1]["reset_token"]
        new_password = "a brand new secret"
        status, _, body = self.api.call("POST", "/auth/password-reset/confirm", {"token": token, "password": new_password})
        self.assertEqual(status, 204, body)
        assert_problem(self, self.api.call("POST", "/auth/refresh", {"refresh_token": refresh_token}), 401,
                       "invalid_refresh_token")
        assert_problem(self, self.api.login(email), 401, "invalid_credentials")
        self.assertEqual(self.api.login(email, new_password)[0], 200)
        # Single use.
        assert_problem(self, self.api.call("POST", "/auth/password-reset/confirm",
                                           {"token": token, "password": "yet another secret"}),
                       422, "invalid_reset_token")

    def test_only_the_latest_reset_token_works(self):
        email, user, _, _ = self.api.new_user()
        self.request_reset(email)
        self.request_reset(email)
        first, second = [event["reset_token"] for event in self.api.events("user.password_reset_requested", user["id"])]
        assert_problem(self, self.api.call("POST", "/auth/password-reset/confirm",
                                           {"token": first, "password": "another secret 1"}), 422, "invalid_reset_token")
        self.assertEqual(self.api.call("POST", "/auth/password-reset/confirm",
                                       {"token": second, "password": "another secret 2"})[0], 204)

    def test_reset_confirm_validates_the_password_and_refuses_unknown_tokens(self):
        problem = assert_problem(self, self.api.call("POST", "/auth/password-reset/confirm",
                                                     {"token": "x", "password": "short"}), 422, "validation_failed")
        self.assertEqual([error["field"] for error in problem["errors"]], ["password"])
        assert_problem(self, self.api.call("POST", "/auth/password-reset/confirm",
                                           {"token": "made-up", "password": "long enough pw"}), 422, "invalid_reset_token")


class Throttling(SharedServerTestCase):
    def fail(self, email, source):
        return self.api.login(email, "wrong password!", source_address=source)

    def test_failures_on_one_account_lock_it_from_every_address(self):
        email, _, _, _ = self.api.new_user()
        for attempt in range(MAX_FAILURES):
            assert_problem(self, self.fail(email, f"127.0.1.{attempt + 1}"), 401, "invalid_credentials")
        response = self.api.login(email, source_address="127.0.1.200")
        assert_problem(self, response, 429, "login_throttled")
        retry_after = int(response[1]["Retry-After"])
        self.assertTrue(1 <= retry_after <= 120, retry_after)
        # The right password does not get through the lock either.
        assert_problem(self, self.api.login(email, source_address="127.0.1.201"), 429, "login_throttled")

    def test_unknown_emails_are_throttled_exactly_like_known_ones(self):
        ghost = unique_email("ghost")
        for attempt in range(MAX_FAILURES):
            assert_problem(self, self.fail(ghost, f"127.0.2.{attempt + 1}"), 401, "invalid_credentials")
        assert_problem(self, self.fail(ghost, "127.0.2.200"), 429, "login_throttled")

    def test_failures_from_one_address_lock_that_address_only(self):
        source = "127.0.3.1"
        for attempt in range(MAX_FAILURES_PER_ADDRESS):
            # A new email each time: only the address counter reaches its limit.
            assert_problem(self, self.fail(unique_email("spray"), source), 401, "invalid_credentials")
        email, _, _, _ = self.api.new_user()
        response = self.api.login(email, source_address=source)
        assert_problem(self, response, 429, "login_throttled")
        self.assertTrue(response[1].get("Retry-After"))
        self.assertEqual(self.api.login(email, source_address="127.0.3.2")[0], 200)

    def test_a_successful_login_clears_the_account_counter(self):
        email, _, _, _ = self.api.new_user()
        for attempt in range(MAX_FAILURES - 1):
            self.fail(email, f"127.0.4.{attempt + 1}")
        self.assertEqual(self.api.login(email, source_address="127.0.4.100")[0], 200)
        for attempt in range(MAX_FAILURES - 1):
            assert_problem(self, self.fail(email, f"127.0.4.{attempt + 10}"), 401, "invalid_credentials")

    def test_the_throttle_table_holds_no_emails_or_addresses(self):
        email = unique_email("private")
        self.fail(email, "127.0.5.1")
        dump = self.api.sql("SELECT string_agg(key_hash, ',') FROM users.login_throttle")
        self.assertNotIn(email, dump)
        self.assertNotIn("127.0.5.1", dump)


class Restart(ServerTestCase):
    """A restart with stronger Argon2 limits: the signing key stays, old hashes are upgraded on login."""

    @classmethod
    def setUpClass(cls):
        cls.data = DataDir()
        cls.server = EmporiumServer(env=FAST_ENV, data_dir=cls.data)
        try:
            cls.server.start()
            cls.api = UserApi(cls.server)
            cls.email = unique_email("restart")
            status, _, body = cls.api.register(cls.email)
            assert status == 201, body
            cls.user_id, cls.token = body["user"]["id"], body["token"]
            cls.old_hash = cls.api.sql(f"SELECT password_hash FROM users.accounts WHERE id = '{cls.user_id}'")
            cls.server.stop()
            cls.server.extra_env["EMPORIUM_USER_ARGON2_OPSLIMIT"] = "2"
            cls.server.start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.close()
        finally:
            cls.data.remove()

    def stored_hash(self):
        return self.api.sql(f"SELECT password_hash FROM users.accounts WHERE id = '{self.user_id}'")

    def test_tokens_signed_before_a_restart_still_verify(self):
        status, _, me = self.api.call("GET", "/users/me", token=self.token)
        self.assertEqual((status, me["id"]), (200, self.user_id))

    def test_a_login_upgrades_a_hash_made_with_older_limits(self):
        self.assertTrue(self.old_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$"), self.old_hash)
        self.api.sign_in(self.email)
        self.assertTrue(self.stored_hash().startswith("$argon2id$v=19$m=8,t=2,p=1$"), self.stored_hash())
        upgraded = self.stored_hash()
        self.api.sign_in(self.email)
        self.assertEqual(self.stored_hash(), upgraded, "an up-to-date hash is not rehashed")


class SecureCookieUnderTls(ServerTestCase):
    """Over HTTPS the refresh cookie is also Secure, so a browser never sends it in clear."""

    @classmethod
    def setUpClass(cls):
        cls.pki = tempfile.mkdtemp(prefix="emp-tls-")
        cert, key = os.path.join(cls.pki, "c.pem"), os.path.join(cls.pki, "k.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-days", "1", "-subj", "/CN=localhost", "-keyout", key, "-out", cert],
                       check=True, capture_output=True, timeout=120)
        cls.server = EmporiumServer(env=dict(FAST_ENV, EMPORIUM_TLS_CERT=cert, EMPORIUM_TLS_KEY=key), tls=True)
        try:
            cls.server.__enter__()
        except BaseException:
            shutil.rmtree(cls.pki, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.__exit__(None, None, None)
        finally:
            shutil.rmtree(cls.pki, ignore_errors=True)

    def test_login_over_tls_sets_a_secure_cookie(self):
        api = UserApi(self.server)
        email, _, _, _ = api.new_user()
        status, headers, _ = api.login(email)
        self.assertEqual(status, 200)
        cookie = cookie_attributes(headers["Set-Cookie"])
        self.assertIs(cookie.get("secure"), True, headers["Set-Cookie"])
        self.assertIs(cookie["httponly"], True)
        self.assertEqual(cookie["samesite"], "Strict")


if __name__ == "__main__":
    unittest.main()
