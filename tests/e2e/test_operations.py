"""Operations endpoints and the HTTP pipeline of the real binary: health,
readiness, metrics, problem responses, request ids, security headers,
keep-alive, body limit, CORS, rate limiting and the access log."""

import json
import re
import socket
import time
import unittest

from emporium_server import EmporiumServer, Headers, ServerTestCase, send

ALLOWED_ORIGIN = "https://shop.example"
BODY_LIMIT = 1024
HEADER_TIMEOUT_MS = 1000
IDLE_TIMEOUT_MS = 3000
# Slow refill: a burst of 3 is spent long before one token comes back, even
# on a loaded machine, so "the 4th rapid request" is limited deterministically.
TIGHT_LIMIT = {"EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND": "0.1", "EMPORIUM_RATE_LIMITS_DEFAULT_BURST": "3"}
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
SAMPLE_LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$')


def assert_security_headers(test, headers, what):
    test.assertEqual(headers.get("X-Content-Type-Options"), "nosniff", what)
    test.assertEqual(headers.get("X-Frame-Options"), "DENY", what)
    test.assertTrue(headers.get("Referrer-Policy"), f"{what}: Referrer-Policy missing")
    test.assertTrue(headers.get("Content-Security-Policy"), f"{what}: Content-Security-Policy missing")
    test.assertTrue(headers.get("X-Request-Id"), f"{what}: X-Request-Id missing")


def assert_problem(test, status, headers, body, expected_status, expected_code):
    test.assertEqual(status, expected_status, body)
    test.assertEqual(headers.get("Content-Type", "").split(";")[0].strip(), "application/problem+json")
    problem = json.loads(body)
    for field in ("type", "title", "status", "detail", "code", "request_id"):
        test.assertIn(field, problem, f"problem lacks '{field}': {problem}")
    test.assertEqual(problem["status"], expected_status)
    test.assertEqual(problem["code"], expected_code)
    test.assertIsInstance(problem["type"], str)
    test.assertTrue(problem["title"])
    test.assertTrue(problem["detail"])
    test.assertEqual(problem["request_id"], headers.get("X-Request-Id"))
    return problem


def read_until_closed(raw):
    """Everything the server sends until it closes; the socket's timeout is the deadline."""
    received = b""
    try:
        while True:
            chunk = raw.recv(65536)
            if not chunk:
                return received
            received += chunk
    except ConnectionResetError:
        return received


def raw_exchange(port, request_bytes):
    """Sends raw request bytes and reads one response until the server closes: (status, Headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        raw.sendall(request_bytes)
        received = read_until_closed(raw)
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = Headers(tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:] if ":" in line)
    length = headers.get("Content-Length")
    return status, headers, body[:int(length)] if length is not None else body


def access_lines(server, request_id):
    return [line for line in server.log_lines() if line.get("msg") == "request" and line.get("request_id") == request_id]


def parse_metrics(text):
    """{(name, labels text): value} for every sample; fails on a malformed line."""
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE_LINE.match(line)
        if not match:
            raise AssertionError(f"not a Prometheus sample line: {line!r}")
        samples[(match.group(1), match.group(2) or "")] = float(match.group(3))
    return samples


class OperationsEndpoints(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = EmporiumServer(env={"EMPORIUM_HTTP_BODY_LIMIT_BYTES": str(BODY_LIMIT),
                                         "EMPORIUM_HTTP_CORS_ORIGINS": ALLOWED_ORIGIN,
                                         "EMPORIUM_HTTP_HEADER_TIMEOUT_MS": str(HEADER_TIMEOUT_MS),
                                         "EMPORIUM_HTTP_IDLE_TIMEOUT_MS": str(IDLE_TIMEOUT_MS)}).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def metrics(self):
        status, headers, body = self.server.request("GET", "/metrics")
        self.assertEqual(status, 200)
        return headers, body.decode()

    def test_healthz_answers_ok(self):
        status, headers, body = self.server.request("GET", "/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("Content-Type", "").split(";")[0], "application/json")
        self.assertEqual(json.loads(body), {"status": "ok"})

    def test_readyz_answers_200_once_migrated(self):
        status, headers, body = self.server.request("GET", "/readyz")
        self.assertEqual(status, 200, body)
        self.assertEqual(headers.get("Content-Type", "").split(";")[0], "application/json")
        self.assertEqual(json.loads(body).get("status"), "ready")

    def test_metrics_is_prometheus_text_with_request_counts_histograms_and_gauges(self):
        series = '{route="/healthz",method="GET",status="200"}'
        _, before_text = self.metrics()
        before = parse_metrics(before_text).get(("emporium_http_requests_total", series), 0)
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)
        self.assertEqual(self.server.request("GET", "/api/v1/no/such/metric/probe")[0], 404)

        headers, text = self.metrics()
        self.assertTrue(headers.get("Content-Type", "").startswith("text/plain"), headers.get("Content-Type"))
        self.assertIn("version=0.0.4", headers.get("Content-Type"))
        samples = parse_metrics(text)
        self.assertEqual(samples.get(("emporium_http_requests_total", series)), before + 1)
        self.assertIn("# TYPE emporium_http_requests_total counter", text)
        self.assertTrue(any(name == "emporium_http_requests_total" and 'status="404"' in labels and 'method="GET"' in labels
                            for name, labels in samples), "no 404 series after a 404")
        self.assertNotIn("/api/v1/no/such/metric/probe", text, "unmatched paths must not become labels (unbounded series)")

        self.assertIn("# TYPE emporium_http_request_duration_seconds histogram", text)
        prefix = 'route="/healthz",method="GET",status="200"'
        buckets = [(labels, value) for (name, labels), value in samples.items()
                   if name == "emporium_http_request_duration_seconds_bucket" and labels.startswith("{" + prefix + ",le=")]
        self.assertGreaterEqual(len(buckets), 5, "too few latency buckets")
        bounds = []
        for labels, value in buckets:
            le = re.search(r'le="([^"]+)"', labels).group(1)
            bounds.append((float("inf") if le == "+Inf" else float(le), value))
        bounds.sort()
        counts = [value for _, value in bounds]
        self.assertEqual(counts, sorted(counts), "bucket counts must be cumulative")
        self.assertEqual(bounds[-1][0], float("inf"))
        count = samples[("emporium_http_request_duration_seconds_count", "{" + prefix + "}")]
        self.assertEqual(bounds[-1][1], count)
        self.assertIn(("emporium_http_request_duration_seconds_sum", "{" + prefix + "}"), samples)

        self.assertIn("# TYPE emporium_db_pool_size gauge", text)
        self.assertGreater(samples[("emporium_db_pool_size", "")], 0)
        self.assertIn("# TYPE emporium_outbox_backlog gauge", text)
        self.assertGreaterEqual(samples[("emporium_outbox_backlog", "")], 0)

    def test_unknown_path_is_404_problem_json(self):
        status, headers, body = self.server.request("GET", "/api/v1/no/such/thing")
        problem = assert_problem(self, status, headers, body, 404, "not_found")
        self.assertEqual(problem["title"], "Not found")

    def test_wrong_method_is_405_with_allow_header(self):
        for method in ("POST", "DELETE", "PUT"):
            status, headers, body = self.server.request(method, "/healthz", body=b"" if method != "DELETE" else None)
            assert_problem(self, status, headers, body, 405, "method_not_allowed")
            allowed = {part.strip() for part in headers.get("Allow", "").split(",")}
            self.assertEqual(allowed, {"GET", "HEAD"}, f"{method}: Allow is {headers.get('Allow')!r}")

    def test_head_healthz_has_headers_but_no_body(self):
        # Raw bytes: http.client never reads a body after HEAD, so it could not tell.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as raw:
            raw.sendall(b"HEAD /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            received = read_until_closed(raw)
        head, _, rest = received.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)
        self.assertEqual(rest, b"", "HEAD answered with a body")
        self.assertIn(b"x-request-id:", head.lower())

    def test_sane_request_id_is_echoed(self):
        for request_id in ("e2e-abc.123_XYZ", "0123456789abcdef0123456789abcdef", "a" * 128):
            status, headers, body = self.server.request("GET", "/api/v1/no/such/page", headers={"X-Request-Id": request_id})
            self.assertEqual(headers.get("X-Request-Id"), request_id)
            self.assertEqual(json.loads(body)["request_id"], request_id)

    def test_insane_request_id_is_replaced(self):
        for request_id in ("a" * 300, "has spaces in it", "semi;colon", "quote\"d", "<script>"):
            status, headers, body = self.server.request("GET", "/api/v1/no/such/page", headers={"X-Request-Id": request_id})
            replaced = headers.get("X-Request-Id")
            self.assertNotEqual(replaced, request_id)
            self.assertRegex(replaced, SANE_ID)
            self.assertEqual(json.loads(body)["request_id"], replaced)

    def test_missing_request_id_is_generated_and_unique(self):
        ids = {self.server.request("GET", "/healthz")[1].get("X-Request-Id") for _ in range(5)}
        self.assertEqual(len(ids), 5, ids)
        for request_id in ids:
            self.assertRegex(request_id, SANE_ID)

    def test_security_headers_on_every_response(self):
        cases = [
            ("GET", "/healthz", None, {}),
            ("GET", "/readyz", None, {}),
            ("GET", "/metrics", None, {}),
            ("HEAD", "/healthz", None, {}),
            ("GET", "/api/v1/no/such/thing", None, {}),
            ("POST", "/healthz", b"{}", {"Content-Type": "application/json"}),
            ("POST", "/healthz", b"x" * (BODY_LIMIT + 1), {}),
            ("OPTIONS", "/healthz", None, {"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "GET"}),
        ]
        for method, path, body, headers in cases:
            with self.subTest(method=method, path=path):
                status, response_headers, _ = self.server.request(method, path, body, headers)
                assert_security_headers(self, response_headers, f"{method} {path} -> {status}")
                self.assertNotIn("Strict-Transport-Security", response_headers, "HSTS over plain HTTP")

    def test_keep_alive_serves_several_requests_on_one_connection(self):
        conn = self.server.connection()
        try:
            sockets = set()
            for method, path, body, expected in [("GET", "/healthz", None, 200), ("GET", "/api/v1/no/such/thing", None, 404),
                                                 ("POST", "/healthz", b"{}", 405), ("GET", "/readyz", None, 200),
                                                 ("HEAD", "/healthz", None, 200), ("GET", "/metrics", None, 200)]:
                status, headers, _ = send(conn, method, path, body)
                self.assertEqual(status, expected, f"{method} {path}")
                self.assertNotEqual(headers.get("Connection", "").lower(), "close", f"{method} {path} closed it")
                self.assertIsNotNone(conn.sock, f"connection closed after {method} {path}")
                sockets.add(id(conn.sock))
            self.assertEqual(len(sockets), 1, "http.client had to reconnect")
        finally:
            conn.close()

    def test_body_over_the_limit_is_413(self):
        status, headers, body = self.server.request("POST", "/healthz", b"x" * (BODY_LIMIT + 1),
                                                    {"Content-Type": "application/json"})
        assert_problem(self, status, headers, body, 413, "payload_too_large")

    def test_body_at_the_limit_is_accepted(self):
        status, headers, body = self.server.request("POST", "/healthz", b"x" * BODY_LIMIT,
                                                    {"Content-Type": "application/json"})
        assert_problem(self, status, headers, body, 405, "method_not_allowed")

    def test_chunked_body_over_the_limit_is_413(self):
        # One write for the whole request: the server may close as soon as
        # the limit is crossed, which must not break the client's send.
        chunks = b"".join(b"%x\r\n%s\r\n" % (600, b"x" * 600) for _ in range(3)) + b"0\r\n\r\n"
        request = (b"POST /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n" + chunks)
        status, headers, body = raw_exchange(self.server.port, request)
        assert_problem(self, status, headers, body, 413, "payload_too_large")

    def test_413_echoes_a_sane_request_id(self):
        status, headers, body = self.server.request("POST", "/healthz", b"x" * (BODY_LIMIT + 1),
                                                    {"X-Request-Id": "e2e-too-large-1"})
        self.assertEqual(status, 413)
        self.assertEqual(headers.get("X-Request-Id"), "e2e-too-large-1")
        self.assertEqual(json.loads(body)["request_id"], "e2e-too-large-1")

    def test_413_is_logged_with_the_client_address(self):
        status, headers, _ = self.server.request("POST", "/healthz", b"x" * (BODY_LIMIT + 1))
        self.assertEqual(status, 413)
        request_id = headers.get("X-Request-Id")
        line = self.server.wait_for_log(lambda l: l.get("request_id") == request_id and l.get("msg") == "request",
                                        what="access line of the 413")[0]
        self.assertEqual(line["status"], 413)
        self.assertEqual(line["method"], "POST")
        self.assertEqual(line["client"], "127.0.0.1")

    def test_413_carries_cors_headers_for_an_allowed_origin(self):
        # Without them a browser hides the problem body from the storefront.
        status, headers, _ = self.server.request("POST", "/healthz", b"x" * (BODY_LIMIT + 1),
                                                 {"Origin": ALLOWED_ORIGIN})
        self.assertEqual(status, 413)
        self.assertEqual(headers.get("Access-Control-Allow-Origin"), ALLOWED_ORIGIN)

    def test_malformed_target_is_400_problem_json(self):
        status, headers, body = raw_exchange(self.server.port,
                                             b"GET /bad%zzpath HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert_problem(self, status, headers, body, 400, "malformed_target")

    def test_oversized_headers_are_431_problem_json(self):
        request = (b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + b"a" * 20000 +
                   b"\r\nConnection: close\r\n\r\n")
        status, headers, body = raw_exchange(self.server.port, request)
        assert_problem(self, status, headers, body, 431, "headers_too_large")

    def test_connection_that_never_finishes_its_header_is_closed(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as raw:
            raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: loc")
            started = time.monotonic()
            self.assertEqual(read_until_closed(raw), b"", "the server answered a half-sent request")
            elapsed = time.monotonic() - started
        self.assertGreaterEqual(elapsed, HEADER_TIMEOUT_MS / 1000 * 0.8, "closed before the header timeout")

    def test_idle_keep_alive_connection_is_closed_after_the_idle_timeout(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as raw:
            raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            started = time.monotonic()
            received = read_until_closed(raw)
            elapsed = time.monotonic() - started
        self.assertTrue(received.startswith(b"HTTP/1.1 200"), received)
        self.assertTrue(received.endswith(b'{"status":"ok"}'), "anything after the response")
        self.assertGreaterEqual(elapsed, IDLE_TIMEOUT_MS / 1000 * 0.8, "closed before the idle timeout")

    def test_cors_allowed_origin_is_echoed_with_vary(self):
        status, headers, _ = self.server.request("GET", "/healthz", headers={"Origin": ALLOWED_ORIGIN})
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("Access-Control-Allow-Origin"), ALLOWED_ORIGIN)
        self.assertIn("origin", [part.strip().lower() for part in headers.get("Vary", "").split(",")])

    def test_cors_other_origin_gets_no_allow_origin(self):
        for origin in ("https://evil.example", "https://shop.example.evil.example", "null"):
            status, headers, _ = self.server.request("GET", "/healthz", headers={"Origin": origin})
            self.assertEqual(status, 200)
            self.assertNotIn("Access-Control-Allow-Origin", headers, origin)
            self.assertNotIn("Access-Control-Allow-Credentials", headers, origin)

    def test_cors_preflight_for_allowed_origin(self):
        status, headers, body = self.server.request("OPTIONS", "/healthz", headers={
            "Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "Authorization, Content-Type"})
        self.assertEqual(status, 204)
        self.assertEqual(body, b"")
        methods = {part.strip() for part in headers.get("Access-Control-Allow-Methods", "").split(",")}
        self.assertIn("GET", methods)
        self.assertEqual(headers.get("Access-Control-Allow-Origin"), ALLOWED_ORIGIN)
        allowed_headers = headers.get("Access-Control-Allow-Headers", "").lower()
        self.assertIn("authorization", allowed_headers)
        self.assertIn("content-type", allowed_headers)

    def test_cors_preflight_for_other_origin_grants_nothing(self):
        status, headers, _ = self.server.request("OPTIONS", "/healthz", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
        self.assertNotIn("Access-Control-Allow-Methods", headers)
        self.assertNotIn("Access-Control-Allow-Origin", headers)

    def test_access_log_has_one_json_line_per_request(self):
        cases = [("GET", "/healthz", None, 200, "/healthz"), ("GET", "/readyz", None, 200, "/readyz"),
                 ("GET", "/api/v1/no/such/log/probe", None, 404, None), ("POST", "/healthz", b"{}", 405, None)]
        for index, (method, path, body, expected_status, route) in enumerate(cases):
            request_id = f"e2e-access-log-{index}"
            status, _, _ = self.server.request(method, path, body, {"X-Request-Id": request_id})
            self.assertEqual(status, expected_status)
            self.server.wait_for_log(lambda line, rid=request_id: line.get("request_id") == rid and
                                     line.get("msg") == "request", what=f"access line for {request_id}")
            lines = access_lines(self.server, request_id)
            self.assertEqual(len(lines), 1, lines)
            line = lines[0]
            self.assertEqual(line["method"], method)
            self.assertEqual(line["status"], expected_status)
            self.assertIsInstance(line["route"], str)
            if route is not None:
                self.assertEqual(line["route"], route)
            else:
                self.assertNotEqual(line["route"], path, "an unmatched path must not become a route label")
            self.assertIsInstance(line["duration_us"], int)
            self.assertGreaterEqual(line["duration_us"], 0)
            self.assertEqual(line["client"], "127.0.0.1")
            self.assertEqual(line["level"], "info")
            self.assertIn("time", line)


class RateLimiting(ServerTestCase):
    """No trusted proxy: the peer address is the client, whatever X-Forwarded-For says.

    Each test connects from its own loopback address, so each has its own buckets.
    """

    @classmethod
    def setUpClass(cls):
        cls.server = EmporiumServer(env=TIGHT_LIMIT).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def get(self, path, source, headers=None):
        return self.server.request("GET", path, headers=headers, source_address=source)

    def test_fourth_rapid_request_is_429_with_retry_after(self):
        for attempt in range(3):
            self.assertEqual(self.get("/api/v1/no/such/path", "127.0.0.11")[0], 404, f"request {attempt + 1}")
        status, headers, body = self.get("/api/v1/no/such/path", "127.0.0.11")
        assert_problem(self, status, headers, body, 429, "rate_limited")
        retry_after = headers.get("Retry-After")
        self.assertIsNotNone(retry_after, "429 without Retry-After")
        self.assertRegex(retry_after, r"^\d+$")
        self.assertGreaterEqual(int(retry_after), 1)
        self.assertLessEqual(int(retry_after), 10, "one token takes 10 s at 0.1/s")
        assert_security_headers(self, headers, "429")

    def test_operations_routes_are_not_limited_by_default(self):
        for _ in range(3):
            self.get("/api/v1/no/such/path", "127.0.0.12")
        self.assertEqual(self.get("/api/v1/no/such/path", "127.0.0.12")[0], 429)
        for _ in range(6):
            self.assertEqual(self.get("/healthz", "127.0.0.12")[0], 200)

    def test_each_client_address_has_its_own_bucket(self):
        for _ in range(3):
            self.get("/api/v1/no/such/path", "127.0.0.13")
        self.assertEqual(self.get("/api/v1/no/such/path", "127.0.0.13")[0], 429)
        self.assertEqual(self.get("/api/v1/no/such/path", "127.0.0.14")[0], 404)

    def test_spoofed_forwarded_for_does_not_escape_the_limit(self):
        statuses = []
        for index in range(4):
            request_id = f"e2e-spoof-{index}"
            status, _, _ = self.get("/api/v1/no/such/path", "127.0.0.15",
                                    {"X-Forwarded-For": f"203.0.113.{index + 1}", "X-Request-Id": request_id})
            statuses.append(status)
        self.assertEqual(statuses, [404, 404, 404, 429])
        line = self.server.wait_for_log(lambda l: l.get("request_id") == "e2e-spoof-0" and l.get("msg") == "request")[0]
        self.assertEqual(line["client"], "127.0.0.15")


class TrustedProxy(ServerTestCase):
    """Behind a trusted proxy (127.0.0.1) the client comes from X-Forwarded-For."""

    @classmethod
    def setUpClass(cls):
        cls.server = EmporiumServer(env=dict(TIGHT_LIMIT, EMPORIUM_HTTP_TRUSTED_PROXIES="127.0.0.1")).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def get(self, forwarded_for, request_id, source="127.0.0.1"):
        return self.server.request("GET", "/api/v1/no/such/path", source_address=source,
                                   headers={"X-Forwarded-For": forwarded_for, "X-Request-Id": request_id})[0]

    def client_logged(self, request_id):
        return self.server.wait_for_log(lambda l: l.get("request_id") == request_id and l.get("msg") == "request",
                                        what=f"access line for {request_id}")[0]["client"]

    def test_forwarded_clients_get_separate_buckets(self):
        statuses = [self.get("198.51.100.1", f"e2e-xff-a{index}") for index in range(4)]
        self.assertEqual(statuses, [404, 404, 404, 429])
        self.assertEqual(self.get("198.51.100.2", "e2e-xff-b0"), 404)
        self.assertEqual(self.client_logged("e2e-xff-a0"), "198.51.100.1")
        self.assertEqual(self.client_logged("e2e-xff-b0"), "198.51.100.2")

    def test_client_written_hops_left_of_the_proxy_are_not_trusted(self):
        # The proxy appends the address it saw; whatever the client put before it is untrusted.
        statuses = [self.get(f"10.9.9.{index}, 198.51.100.3", f"e2e-xff-c{index}") for index in range(4)]
        self.assertEqual(statuses, [404, 404, 404, 429])
        self.assertEqual(self.client_logged("e2e-xff-c0"), "198.51.100.3")

    def test_forwarded_for_from_an_untrusted_peer_is_ignored(self):
        statuses = [self.get(f"198.51.100.{10 + index}", f"e2e-xff-d{index}", source="127.0.0.21")
                    for index in range(4)]
        self.assertEqual(statuses, [404, 404, 404, 429])
        self.assertEqual(self.client_logged("e2e-xff-d0"), "127.0.0.21")


if __name__ == "__main__":
    unittest.main()
