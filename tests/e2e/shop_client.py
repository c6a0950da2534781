"""Helpers for the shop's end-to-end tests beyond users: unique names,
polling for asynchronous effects (events), and a shared server with one
signed-in user per role."""

import itertools
import time

from user_client import SharedServerTestCase, UserApi

POLL_TIMEOUT_S = 15
ROLE_USERS = (("seller", "seller"), ("seller", "other_seller"), ("admin", "admin"), ("customer", "customer"))

_names = itertools.count(1)


def unique(word):
    """A word no other test uses: searches and lists stay independent."""
    return f"{word}{next(_names)}x{int(time.time() * 1000) % 100000}"


def poll(check, what, timeout=POLL_TIMEOUT_S):
    """Calls check() until it returns a true value; returns that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} did not happen within {timeout}s")
        time.sleep(0.05)


class RoleUsersCase(SharedServerTestCase):
    """Tests on the shared server with a seller, another seller, an admin and
    a customer, made once per file by `setup_role_users()` in setUpModule."""

    users = {}

    @classmethod
    def setup_role_users(cls):
        api = UserApi(cls.shared_server())
        for role, key in ROLE_USERS:
            cls.users[key] = api.user_of_role(role)

    def token(self, key):
        """The access token of a role user; None (a guest) for None."""
        return self.users[key][1] if key else None

    def user_id(self, key):
        return self.users[key][0]
