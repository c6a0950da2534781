"""The admin view of the event bus against the real binary: parked
deliveries are listed for admins only and can be retried."""

import unittest

from user_client import SharedServerTestCase, UserApi, assert_problem, start_shared_server, stop_shared_server

UNKNOWN_EVENT = "00000000-0000-0000-0000-000000000000"


def setUpModule():
    start_shared_server()


def tearDownModule():
    stop_shared_server()


class ParkedEvents(SharedServerTestCase):
    @classmethod
    def setUpClass(cls):
        api = UserApi(SharedServerTestCase.shared_server())
        _, cls.admin = api.user_of_role("admin")
        _, cls.seller = api.user_of_role("seller")

    def test_only_admins_see_or_retry_parked_deliveries(self):
        _, _, customer, _ = self.api.new_user()
        for method, path in [("GET", "/admin/events/parked"), ("POST", f"/admin/events/{UNKNOWN_EVENT}/retry")]:
            with self.subTest(method=method, path=path):
                assert_problem(self, self.api.call(method, path), 401, "unauthenticated")
                assert_problem(self, self.api.call(method, path, token=customer), 403, "forbidden")
                assert_problem(self, self.api.call(method, path, token=self.seller), 403, "forbidden")

    def test_admin_lists_parked_deliveries_in_the_list_shape(self):
        status, _, body = self.api.call("GET", "/admin/events/parked", token=self.admin)
        self.assertEqual(status, 200)
        self.assertEqual(set(body), {"total", "page", "per_page", "results"})
        self.assertEqual(body["total"], len(body["results"]))

    def test_retrying_an_event_with_nothing_parked_is_404(self):
        assert_problem(self, self.api.call("POST", f"/admin/events/{UNKNOWN_EVENT}/retry", token=self.admin), 404,
                       "not_found")


if __name__ == "__main__":
    unittest.main()
