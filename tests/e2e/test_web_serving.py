"""The web pages served by the binary: content types, caching with ETag/304,
the page CSP, HEAD, client-side routes answered with their app's shell, and
unknown /api paths still answered as 404 problems."""

import json
import os
import re
import unittest

from emporium_server import EmporiumServer, ServerTestCase

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
WEB_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "web")


def read_source(relative):
    with open(os.path.join(WEB_ROOT, relative), "rb") as source:
        return source.read()


class WebServing(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = EmporiumServer().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def get(self, path, headers=None, method="GET"):
        return self.server.request(method, path, headers=headers)

    def test_storefront_shell_at_root_with_page_csp_and_no_cache(self):
        status, headers, body = self.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(headers.get("Content-Security-Policy"), PAGE_CSP)
        self.assertEqual(headers.get("Cache-Control"), "no-cache")
        self.assertTrue(re.fullmatch(r'"[0-9a-f]{16}"', headers.get("ETag", "")), headers)
        self.assertEqual(body, read_source("index.html"))
        self.assertIn(b'<script type="module" src="/assets/store/main.js">', body)
        self.assertNotIn(b"<script>", body, "no inline scripts under the CSP")

    def test_assets_have_their_content_types_and_an_hour_of_caching(self):
        for path, content_type in [("/assets/store/main.js", "text/javascript; charset=utf-8"),
                                   ("/assets/shared/api.js", "text/javascript; charset=utf-8"),
                                   ("/assets/shared/base.css", "text/css; charset=utf-8"),
                                   ("/assets/store/favicon.svg", "image/svg+xml")]:
            with self.subTest(path=path):
                status, headers, body = self.get(path)
                self.assertEqual(status, 200)
                self.assertEqual(headers.get("Content-Type"), content_type)
                self.assertEqual(headers.get("Cache-Control"), "public, max-age=3600")
                self.assertEqual(headers.get("X-Content-Type-Options"), "nosniff")
                self.assertEqual(body, read_source(path.lstrip("/")))

    def test_etag_revalidation_answers_304_without_a_body(self):
        _, headers, _ = self.get("/assets/shared/base.css")
        etag = headers["ETag"]
        status, again, body = self.get("/assets/shared/base.css", {"If-None-Match": etag})
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")
        self.assertEqual(again.get("ETag"), etag)
        status, _, body = self.get("/assets/shared/base.css", {"If-None-Match": '"0000000000000000"'})
        self.assertEqual(status, 200)
        self.assertTrue(body)

    def test_a_304_for_a_page_keeps_the_page_csp(self):
        # Browsers merge a 304's headers into the cached page: a stricter CSP
        # there would block the page's own scripts and styles.
        _, headers, _ = self.get("/")
        status, again, body = self.get("/account", {"If-None-Match": headers["ETag"]})
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")
        self.assertEqual(again.get("Content-Security-Policy"), PAGE_CSP)

    def test_client_side_routes_get_their_apps_shell(self):
        store = read_source("index.html")
        for path in ["/products/prod_123", "/search?q=lamp", "/account/orders", "/reset-password?token=abc"]:
            with self.subTest(path=path):
                status, headers, body = self.get(path)
                self.assertEqual(status, 200)
                self.assertEqual(headers.get("Content-Type"), "text/html; charset=utf-8")
                self.assertEqual(body, store)
        if os.path.exists(os.path.join(WEB_ROOT, "admin", "index.html")):
            admin = read_source("admin/index.html")
            for path in ["/admin", "/admin/orders/ord_1"]:
                with self.subTest(path=path):
                    status, _, body = self.get(path)
                    self.assertEqual(status, 200)
                    self.assertEqual(body, admin)

    def test_head_answers_the_headers_without_a_body(self):
        status, headers, body = self.get("/assets/store/main.js", method="HEAD")
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(headers.get("Content-Type"), "text/javascript; charset=utf-8")
        self.assertEqual(int(headers.get("Content-Length")), len(read_source("assets/store/main.js")))

    def test_missing_files_and_unknown_api_paths_are_404_problems(self):
        for path in ["/assets/store/nope.js", "/nope.png", "/api/v1/no/such/thing", "/api"]:
            with self.subTest(path=path):
                status, headers, body = self.get(path)
                self.assertEqual(status, 404)
                self.assertEqual(headers.get("Content-Type"), "application/problem+json")
                self.assertEqual(json.loads(body)["code"], "not_found")

    def test_other_methods_on_pages_are_not_served(self):
        status, _, _ = self.server.request("POST", "/products/prod_1", body=b"{}", headers={"Content-Type": "application/json"})
        self.assertEqual(status, 404)
        status, _, _ = self.get("/healthz")
        self.assertEqual(status, 200, "a real route still wins over the pages")


if __name__ == "__main__":
    unittest.main()
