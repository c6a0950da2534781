"""Users against the real binary: profile, addresses, GDPR export and
erasure, admin user management with role enforcement on every endpoint,
disabling, the `emporium user create` command and the demo accounts."""

import unittest

from emporium_server import EmporiumServer, ServerTestCase
from user_client import (FAST_ENV, SharedServerTestCase, UserApi, assert_problem, start_shared_server,
                         stop_shared_server, unique_email)

ADDRESS = {"name": "Ann Lee", "line1": "Unter den Linden 1", "city": "Berlin", "postal_code": "10117",
           "country": "DE"}
ADMIN_ENDPOINTS = [("GET", "/users"), ("GET", "/users/{id}"), ("PUT", "/users/{id}"), ("DELETE", "/users/{id}")]

def setUpModule():
    start_shared_server()


def tearDownModule():
    stop_shared_server()


class Profile(SharedServerTestCase):
    def test_me_shows_the_caller(self):
        email, user, token, _ = self.api.new_user(name="Dana")
        status, _, me = self.me(token)
        self.assertEqual(status, 200)
        self.assertEqual(me, user)
        self.assertEqual((me["email"], me["name"], me["phone"], me["role"], me["disabled"]),
                         (email, "Dana", None, "customer", False))

    def test_patch_changes_name_and_phone_and_null_clears_the_phone(self):
        _, _, token, _ = self.api.new_user()
        status, _, me = self.api.call("PATCH", "/users/me", {"name": "Dana X", "phone": "+1 555 123 4567"}, token=token)
        self.assertEqual(status, 200, me)
        self.assertEqual((me["name"], me["phone"]), ("Dana X", "+1 555 123 4567"))
        status, _, me = self.api.call("PATCH", "/users/me", {"phone": None}, token=token)
        self.assertEqual((status, me["name"], me["phone"]), (200, "Dana X", None))
        self.assertEqual(self.me(token)[2]["phone"], None)

    def test_patch_refuses_bad_values_unknown_fields_and_role_changes(self):
        _, _, token, _ = self.api.new_user()
        problem = assert_problem(self, self.api.call("PATCH", "/users/me", {"name": "", "phone": "call me", "role": "admin"},
                                                     token=token), 422, "validation_failed")
        self.assertEqual(sorted(error["field"] for error in problem["errors"]), ["name", "phone", "role"])
        self.assertEqual(self.me(token)[2]["role"], "customer")

    def test_profile_needs_a_token(self):
        assert_problem(self, self.api.call("GET", "/users/me"), 401, "unauthenticated")
        assert_problem(self, self.api.call("PATCH", "/users/me", {"name": "x"}), 401, "unauthenticated")
        assert_problem(self, self.api.call("DELETE", "/users/me"), 401, "unauthenticated")
        assert_problem(self, self.api.call("GET", "/users/me/export"), 401, "unauthenticated")


class Addresses(SharedServerTestCase):
    def add(self, token, address=None):
        return self.api.call("POST", "/users/me/addresses", address or ADDRESS, token=token)

    def test_address_lifecycle(self):
        _, _, token, _ = self.api.new_user()
        status, _, created = self.add(token, dict(ADDRESS, country="de"))
        self.assertEqual(status, 201, created)
        self.assertRegex(created["id"], r"^adr_[0-9a-f]{20}$")
        self.assertEqual(created["country"], "DE")
        self.assertEqual((created["line2"], created["region"]), (None, None))
        status, _, listed = self.api.call("GET", "/users/me/addresses", token=token)
        self.assertEqual(status, 200)
        self.assertEqual((listed["total"], listed["page"], listed["per_page"]), (1, 1, 20))
        self.assertEqual(listed["results"], [created])
        changed = dict(ADDRESS, line2="Hinterhaus", city="Potsdam", region="Brandenburg")
        status, _, updated = self.api.call("PUT", f"/users/me/addresses/{created['id']}", changed, token=token)
        self.assertEqual(status, 200, updated)
        self.assertEqual((updated["id"], updated["city"], updated["line2"]), (created["id"], "Potsdam", "Hinterhaus"))
        self.assertEqual(self.api.call("DELETE", f"/users/me/addresses/{created['id']}", token=token)[0], 204)
        self.assertEqual(self.api.call("GET", "/users/me/addresses", token=token)[2]["total"], 0)
        assert_problem(self, self.api.call("DELETE", f"/users/me/addresses/{created['id']}", token=token), 404,
                       "not_found")

    def test_address_validation_names_each_bad_field(self):
        _, _, token, _ = self.api.new_user()
        problem = assert_problem(self, self.add(token, {"name": "A", "line1": "", "country": "XX", "zip": "1"}), 422,
                                 "validation_failed")
        self.assertEqual(sorted(error["field"] for error in problem["errors"]), ["city", "country", "line1", "zip"])
        for country in ("UK", "EU", "DEU", "1"):
            with self.subTest(country=country):
                assert_problem(self, self.add(token, dict(ADDRESS, country=country)), 422, "validation_failed")

    def test_another_users_address_is_404_and_stays_untouched(self):
        _, _, owner, _ = self.api.new_user()
        _, _, stranger, _ = self.api.new_user()
        address = self.add(owner)[2]
        path = f"/users/me/addresses/{address['id']}"
        assert_problem(self, self.api.call("PUT", path, dict(ADDRESS, city="Hacked"), token=stranger), 404, "not_found")
        assert_problem(self, self.api.call("DELETE", path, token=stranger), 404, "not_found")
        self.assertEqual(self.api.call("GET", "/users/me/addresses", token=stranger)[2]["total"], 0)
        self.assertEqual(self.api.call("GET", "/users/me/addresses", token=owner)[2]["results"], [address])

    def test_addresses_are_paged(self):
        _, _, token, _ = self.api.new_user()
        for number in range(3):
            self.assertEqual(self.add(token, dict(ADDRESS, line1=f"Street {number}"))[0], 201)
        status, _, page = self.api.call("GET", "/users/me/addresses?page=2&per_page=2", token=token)
        self.assertEqual(status, 200)
        self.assertEqual((page["total"], page["page"], page["per_page"]), (3, 2, 2))
        self.assertEqual([a["line1"] for a in page["results"]], ["Street 2"])
        assert_problem(self, self.api.call("GET", "/users/me/addresses?page=0", token=token), 400, "invalid_query")

    def test_a_user_keeps_at_most_50_addresses(self):
        _, _, token, _ = self.api.new_user()
        for number in range(50):
            self.assertEqual(self.add(token)[0], 201, number)
        assert_problem(self, self.add(token), 409, "too_many_addresses")


class ExportAndErasure(SharedServerTestCase):
    def test_export_holds_profile_and_addresses(self):
        _, user, token, _ = self.api.new_user()
        address = self.api.call("POST", "/users/me/addresses", ADDRESS, token=token)[2]
        status, headers, exported = self.api.call("GET", "/users/me/export", token=token)
        self.assertEqual(status, 200)
        self.assertIn("attachment", headers.get("Content-Disposition", ""))
        self.assertEqual(exported["user_id"], user["id"])
        self.assertRegex(exported["exported_at"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
        self.assertEqual(exported["profile"], user)
        self.assertEqual(exported["addresses"], [address])

    def test_delete_me_erases_personal_data_and_ends_access(self):
        email, user, token, refresh_token = self.api.new_user(name="Erin")
        self.api.call("PATCH", "/users/me", {"phone": "+44 20 7946 0000"}, token=token)
        self.api.call("POST", "/users/me/addresses", ADDRESS, token=token)
        self.assertEqual(self.api.call("DELETE", "/users/me", token=token)[0], 204)

        assert_problem(self, self.me(token), 401, "invalid_token")
        assert_problem(self, self.api.login(email), 401, "invalid_credentials")
        assert_problem(self, self.api.call("POST", "/auth/refresh", {"refresh_token": refresh_token}), 401,
                       "invalid_refresh_token")
        row = self.api.sql("SELECT email || '|' || name || '|' || COALESCE(phone, '<null>') || '|' || password_hash "
                           f"|| '|' || (deleted_at IS NOT NULL) FROM users.accounts WHERE id = '{user['id']}'")
        self.assertEqual(row, f"{user['id']}@erased.invalid||<null>||true")
        for table in ("addresses", "refresh_tokens", "password_reset_tokens"):
            self.assertEqual(self.api.sql(f"SELECT count(*) FROM users.{table} WHERE user_id = '{user['id']}'"), "0",
                             table)
        self.assertEqual(self.api.events("user.deleted", user["id"]), [{"user_id": user["id"]}])
        # The email is free again.
        self.assertEqual(self.api.register(email)[0], 201)


class AdminEndpoints(SharedServerTestCase):
    @classmethod
    def setUpClass(cls):
        api = UserApi(SharedServerTestCase.shared_server())
        cls.admin_id, cls.admin = api.user_of_role("admin")
        cls.seller_id, cls.seller = api.user_of_role("seller")

    def test_every_admin_endpoint_refuses_guests_customers_and_sellers(self):
        _, victim, customer, _ = self.api.new_user()
        for method, pattern in ADMIN_ENDPOINTS:
            path = pattern.format(id=victim["id"])
            payload = {"role": "admin"} if method == "PUT" else None
            with self.subTest(method=method, path=pattern):
                assert_problem(self, self.api.call(method, path, payload), 401, "unauthenticated")
                assert_problem(self, self.api.call(method, path, payload, token=customer), 403, "forbidden")
                assert_problem(self, self.api.call(method, path, payload, token=self.seller), 403, "forbidden")
        status, _, me = self.me(customer)
        self.assertEqual((status, me["role"]), (200, "customer"))

    def test_admin_lists_and_searches_users(self):
        marker = unique_email("findme").split("@")[0]
        for number in range(3):
            self.api.register(f"{marker}.{number}@example.com", name=f"Findable {number}")
        status, _, page = self.api.call("GET", f"/users?q={marker.upper()}&per_page=2", token=self.admin)
        self.assertEqual(status, 200, page)
        self.assertEqual((page["total"], page["page"], page["per_page"], len(page["results"])), (3, 1, 2, 2))
        self.assertTrue(all(marker in user["email"] for user in page["results"]))
        second = self.api.call("GET", f"/users?q={marker}&per_page=2&page=2", token=self.admin)[2]
        self.assertEqual(len(second["results"]), 1)
        sellers = self.api.call("GET", "/users?role=seller&per_page=100", token=self.admin)[2]
        self.assertIn(self.seller_id, [user["id"] for user in sellers["results"]])
        self.assertTrue(all(user["role"] == "seller" for user in sellers["results"]))
        assert_problem(self, self.api.call("GET", "/users?role=king", token=self.admin), 400, "invalid_query")
        assert_problem(self, self.api.call("GET", "/users?page=x", token=self.admin), 400, "invalid_query")
        wildcard = self.api.call("GET", "/users?q=%25", token=self.admin)[2]
        self.assertEqual(wildcard["total"], 0, "% is matched literally, not as a wildcard")

    def test_admin_reads_changes_and_deletes_a_user(self):
        _, user, token, _ = self.api.new_user()
        status, _, shown = self.api.call("GET", f"/users/{user['id']}", token=self.admin)
        self.assertEqual((status, shown), (200, user))
        status, _, changed = self.api.call("PUT", f"/users/{user['id']}", {"name": "Renamed", "role": "seller"},
                                           token=self.admin)
        self.assertEqual(status, 200, changed)
        self.assertEqual((changed["name"], changed["role"], changed["disabled"]), ("Renamed", "seller", False))
        self.assertEqual(self.me(token)[2]["role"], "seller", "a role change applies to existing tokens at once")
        self.assertEqual(self.api.call("DELETE", f"/users/{user['id']}", token=self.admin)[0], 204)
        assert_problem(self, self.api.call("GET", f"/users/{user['id']}", token=self.admin), 404, "not_found")
        assert_problem(self, self.api.call("DELETE", f"/users/{user['id']}", token=self.admin), 404, "not_found")
        assert_problem(self, self.me(token), 401, "invalid_token")

    def test_admin_put_validates_its_fields(self):
        _, user, _, _ = self.api.new_user()
        problem = assert_problem(self, self.api.call("PUT", f"/users/{user['id']}",
                                                     {"role": "king", "disabled": "yes", "email": "x@y.z"},
                                                     token=self.admin), 422, "validation_failed")
        self.assertEqual(sorted(error["field"] for error in problem["errors"]), ["disabled", "email", "role"])
        assert_problem(self, self.api.call("PUT", "/users/usr_nobody", {"name": "x"}, token=self.admin), 404,
                       "not_found")

    def test_promotion_to_admin_works_on_the_next_request(self):
        _, user, token, _ = self.api.new_user()
        assert_problem(self, self.api.call("GET", "/users", token=token), 403, "forbidden")
        self.api.call("PUT", f"/users/{user['id']}", {"role": "admin"}, token=self.admin)
        self.assertEqual(self.api.call("GET", "/users", token=token)[0], 200)

    def test_an_admin_cannot_demote_or_disable_themself(self):
        for change in ({"role": "customer"}, {"disabled": True}):
            with self.subTest(change=change):
                assert_problem(self, self.api.call("PUT", f"/users/{self.admin_id}", change, token=self.admin), 409,
                               "cannot_change_own_access")
        self.assertEqual(self.api.call("PUT", f"/users/{self.admin_id}", {"name": "Chief"}, token=self.admin)[0], 200)


class DisabledUsers(SharedServerTestCase):
    def test_disabling_stops_tokens_at_once_and_enabling_lets_the_user_back(self):
        admin_id, admin = self.api.user_of_role("admin")
        email, user, token, refresh_token = self.api.new_user()
        self.assertEqual(self.me(token)[0], 200)
        status, _, changed = self.api.call("PUT", f"/users/{user['id']}", {"disabled": True}, token=admin)
        self.assertEqual((status, changed["disabled"]), (200, True))

        assert_problem(self, self.me(token), 401, "invalid_token")
        self.assertEqual(self.api.call("POST", "/auth/verify", {"token": token})[2]["valid"], False)
        assert_problem(self, self.api.call("POST", "/auth/refresh", {"refresh_token": refresh_token}), 401,
                       "invalid_refresh_token")
        assert_problem(self, self.api.login(email), 403, "account_disabled")
        assert_problem(self, self.api.login(email, "wrong password!"), 401, "invalid_credentials")

        self.api.call("PUT", f"/users/{user['id']}", {"disabled": False}, token=admin)
        self.assertEqual(self.me(token)[0], 200, "a still-unexpired token works again once re-enabled")
        self.assertEqual(self.api.login(email)[0], 200)


class CreateUserCommand(SharedServerTestCase):
    def test_cli_creates_an_admin_who_can_manage_users(self):
        email = unique_email("Boss")
        result = self.api.create_with_cli(email, "admin", extra_args=("--name", "The Boss"))
        self.assertEqual(result.returncode, 0, result.stderr)
        user_id = result.stdout.strip()
        self.assertRegex(user_id, r"^usr_[0-9a-f]{20}$")
        token, _ = self.api.sign_in(email.lower())
        status, _, shown = self.api.call("GET", f"/users/{user_id}", token=token)
        self.assertEqual(status, 200, shown)
        self.assertEqual((shown["email"], shown["name"], shown["role"]), (email, "The Boss", "admin"))
        self.assertEqual(self.api.events("user.registered", user_id),
                         [{"user_id": user_id, "email": email, "name": "The Boss"}])

    def test_cli_refuses_a_taken_email_with_exit_1(self):
        email = unique_email("dup")
        self.assertEqual(self.api.create_with_cli(email, "seller").returncode, 0)
        result = self.api.create_with_cli(email.upper(), "customer")
        self.assertEqual(result.returncode, 1)
        self.assertIn("already exists", result.stderr)
        self.assertEqual(result.stdout, "")

    def test_cli_usage_errors_exit_2(self):
        for args, expected in (((unique_email(), "king"), "--role"), (("not-an-email", "customer"), "email"),
                               ((unique_email(), "customer", "short"), "password")):
            with self.subTest(args=args):
                result = self.api.create_with_cli(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(expected, result.stderr)


class DemoAccounts(ServerTestCase):
    """`serve --demo-data` makes the demo customer, seller and admin, once."""

    DEMO = {"customer": ("customer@demo.emporium.test", "demo-customer-pass"),
            "seller": ("seller@demo.emporium.test", "demo-seller-pass"),
            "admin": ("admin@demo.emporium.test", "demo-admin-pass")}

    @classmethod
    def setUpClass(cls):
        cls.server = EmporiumServer(args=["--demo-data"], env=FAST_ENV).__enter__()
        cls.api = UserApi(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def test_each_demo_account_signs_in_with_its_published_password_and_role(self):
        for role, (email, password) in self.DEMO.items():
            with self.subTest(role=role):
                token, _ = self.api.sign_in(email, password)
                self.assertEqual(self.api.call("GET", "/users/me", token=token)[2]["role"], role)

    def test_a_second_start_with_demo_data_creates_no_duplicates(self):
        self.server.stop()
        self.server.start()
        self.assertEqual(self.api.sql("SELECT count(*) FROM users.accounts WHERE email LIKE '%@demo.emporium.test'"), "3")


if __name__ == "__main__":
    unittest.main()
