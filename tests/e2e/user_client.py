"""Helpers for the user module's end-to-end tests: a server with fast
password hashing, small API calls, the outbox read with psql, and Ed25519
signature checks with the openssl command (the standard library has none)."""

import base64
import itertools
import json
import os
import subprocess
import tempfile

from emporium_server import EmporiumServer, ServerTestCase, embedded_conninfo, psql, run_cli

API = "/api/v1"
PASSWORD = "correct horse battery"

# libsodium's minimal Argon2id limits keep each hash at a few milliseconds
# (production uses OPSLIMIT/MEMLIMIT_INTERACTIVE, the config defaults), and
# the kernel's per-address limit on the auth routes is lifted so that only
# the user module's own login throttling is under test.
FAST_ENV = {
    "EMPORIUM_USER_ARGON2_OPSLIMIT": "1",
    "EMPORIUM_USER_ARGON2_MEMLIMIT_BYTES": "8192",
    "EMPORIUM_RATE_LIMITS_AUTH_PER_SECOND": "1000",
    "EMPORIUM_RATE_LIMITS_AUTH_BURST": "1000",
}

_counter = itertools.count(1)


def expect(condition, message):
    """An assertion for helpers that run outside a test method (class set-up included)."""
    if not condition:
        raise AssertionError(message)


def unique_email(prefix="user"):
    return f"{prefix}-{os.getpid()}-{next(_counter)}@example.com"


def user_server(env=None):
    """A started server with FAST_ENV plus `env`; the caller closes it."""
    return EmporiumServer(env=dict(FAST_ENV, **(env or {}))).__enter__()


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_parts(token):
    """(header dict, claims dict, signature bytes) of a compact JWT."""
    header, claims, signature = token.split(".")
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(claims)), b64url_decode(signature)


def jwt_segment(value):
    return b64url_encode(json.dumps(value, separators=(",", ":")).encode())


def ed25519_verifies(public_key, message, signature):
    """Whether `signature` is a valid Ed25519 signature of `message` under the raw 32-byte `public_key`."""
    # SubjectPublicKeyInfo DER of an Ed25519 key: a fixed 12-byte prefix, then the key.
    der = bytes.fromhex("302a300506032b6570032100") + public_key
    pem = "-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(der).decode() + "\n-----END PUBLIC KEY-----\n"
    with tempfile.TemporaryDirectory() as directory:
        paths = {name: os.path.join(directory, name) for name in ("key.pem", "message", "signature")}
        for name, content in (("key.pem", pem.encode()), ("message", message), ("signature", signature)):
            with open(paths[name], "wb") as f:
                f.write(content)
        result = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.pem"], "-rawin",
                                 "-in", paths["message"], "-sigfile", paths["signature"]],
                                capture_output=True, text=True, timeout=60)
        return result.returncode == 0


class UserApi:
    """The user endpoints of one server, returning (status, headers, body)."""

    def __init__(self, server):
        self.server = server

    def call(self, method, path, payload=None, token=None, headers=None, **kwargs):
        all_headers = dict(headers or {})
        if token:
            all_headers.update(bearer(token))
        return self.server.request_json(method, API + path, payload, all_headers, **kwargs)

    def register(self, email=None, password=PASSWORD, name="Ann Lee"):
        return self.call("POST", "/auth/register", {"email": email or unique_email(), "password": password, "name": name})

    def login(self, email, password=PASSWORD, **kwargs):
        return self.call("POST", "/auth/login", {"email": email, "password": password}, **kwargs)

    def new_user(self, name="Ann Lee"):
        """Registers a customer; returns (email, user dict, access token, refresh token)."""
        email = unique_email()
        status, _, body = self.register(email, name=name)
        expect(status == 201, f"register answered {status}: {body}")
        return email, body["user"], body["token"], body["refresh_token"]

    def sign_in(self, email, password=PASSWORD):
        """(access token, refresh token) of a login that must succeed."""
        status, _, body = self.login(email, password)
        expect(status == 200, f"login answered {status}: {body}")
        return body["token"], body["refresh_token"]

    def create_with_cli(self, email, role, password=PASSWORD, extra_args=()):
        """`emporium user create` against this server's embedded database: CompletedProcess."""
        return run_cli(["user", "create", "--email", email, "--password", password, "--role", role,
                        "--database-url", embedded_conninfo(self.server.data_dir), *extra_args], env=FAST_ENV)

    def user_of_role(self, role):
        """A signed-in user of `role` made with the CLI: (user id, access token)."""
        email = unique_email(role)
        result = self.create_with_cli(email, role)
        expect(result.returncode == 0, f"user create exited {result.returncode}: {result.stderr}")
        token, _ = self.sign_in(email)
        return result.stdout.strip(), token

    def sql(self, query):
        return psql(embedded_conninfo(self.server.data_dir), query)

    def events(self, name, user_id):
        """Payloads of outbox events `name` about `user_id`, oldest first."""
        rows = self.sql(f"SELECT payload FROM users.outbox WHERE name = '{name}' "
                        f"AND payload->>'user_id' = '{user_id}' ORDER BY occurred_at, id")
        return [json.loads(line) for line in rows.splitlines() if line]


def assert_problem(test, response, status, code):
    """Checks a problem+json answer and returns its body."""
    actual_status, headers, body = response
    test.assertEqual(actual_status, status, body)
    test.assertEqual(headers.get("Content-Type", "").split(";")[0], "application/problem+json")
    test.assertEqual(body["status"], status)
    test.assertEqual(body["code"], code, body)
    return body


# The one server that the tests of a file share (starting one costs seconds);
# each file starts it in setUpModule and stops it in tearDownModule.
_shared = {}


def start_shared_server(env=None):
    _shared["server"] = user_server(env)


def stop_shared_server():
    _shared.pop("server").__exit__(None, None, None)


class SharedServerTestCase(ServerTestCase):
    @staticmethod
    def shared_server():
        return _shared["server"]

    def setUp(self):
        self.server = self.shared_server()
        self.api = UserApi(self.server)

    def servers(self):
        return [_shared["server"]] if "server" in _shared else []

    def me(self, token):
        return self.api.call("GET", "/users/me", token=token)
