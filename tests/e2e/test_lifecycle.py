"""Process life cycle of `emporium serve`: graceful stop on SIGTERM/SIGINT,
recovery after SIGKILL, restarts, readiness, several instances on one
database, and TLS."""

import http.client
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from emporium_server import (RUNNING_AS_ROOT, POSTGRES_OS_USER, DataDir, EmporiumServer, ServerTestCase,
                             embedded_conninfo, pg_ctl, psql)

PG_CTL_NOT_RUNNING = 3


def migrations_applied(server):
    """The applied count of this run's "migrations applied" log line."""
    lines = server.wait_for_log(lambda line: line.get("msg") == "migrations applied", what="migrations applied line")
    return lines[-1]["applied"]


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout}s waiting until {what}")
        time.sleep(0.05)


class LifecycleTestCase(ServerTestCase):
    """Tracks the servers a test starts, prints their logs when it fails, and always cleans up."""

    def setUp(self):
        self.started = []

    def serve(self, data=None, start=True, **kwargs):
        server = EmporiumServer(data_dir=data, **kwargs)
        self.started.append(server)
        self.addCleanup(server.close)
        if start:
            server.start()
        return server

    def data_dir(self):
        data = DataDir()
        self.addCleanup(data.remove)
        return data

    def servers(self):
        return getattr(self, "started", [])

    def assert_database_stopped(self, data):
        self.assertFalse(os.path.exists(os.path.join(data.cluster_dir, "postmaster.pid")),
                         "postmaster.pid is still there")
        status = pg_ctl(data.cluster_dir, "status")
        self.assertEqual(status.returncode, PG_CTL_NOT_RUNNING, f"pg_ctl status: {status.stdout}{status.stderr}")

    def assert_ready(self, server):
        status, _, body = server.request("GET", "/readyz")
        self.assertEqual(status, 200, body)


class GracefulStop(LifecycleTestCase):
    def stop_with(self, signum):
        data = self.data_dir()
        server = self.serve(data)
        self.assert_ready(server)
        self.assertEqual(server.stop(signum), 0)
        self.assert_database_stopped(data)
        with self.assertRaises(ConnectionRefusedError):
            server.request("GET", "/healthz", timeout=5)
        stopped = [line for line in server.log_lines() if line.get("msg") == "stopped"]
        self.assertEqual(len(stopped), 1, "no 'stopped' log line")
        self.assertEqual(stopped[0].get("exit_code"), 0)

    def test_sigterm_exits_0_closes_the_port_and_stops_the_embedded_database(self):
        self.stop_with(signal.SIGTERM)

    def test_sigint_exits_0_closes_the_port_and_stops_the_embedded_database(self):
        self.stop_with(signal.SIGINT)

    def test_idle_keep_alive_connection_does_not_hold_up_shutdown(self):
        server = self.serve(env={"EMPORIUM_HTTP_SHUTDOWN_TIMEOUT_MS": "60000", "EMPORIUM_HTTP_IDLE_TIMEOUT_MS": "120000"})
        conn = server.connection()
        self.addCleanup(conn.close)
        conn.request("GET", "/healthz")
        self.assertEqual(conn.getresponse().read(), b'{"status":"ok"}')
        started = time.monotonic()
        # Well under both timeouts: waiting for the idle connection would take a minute.
        self.assertEqual(server.stop(signal.SIGTERM, timeout=50), 0)
        self.assertLess(time.monotonic() - started, 30)


class Recovery(LifecycleTestCase):
    def test_restart_keeps_migrations_and_applies_none(self):
        data = self.data_dir()
        first = self.serve(data)
        self.assertGreater(migrations_applied(first), 0)
        self.assertEqual(first.stop(), 0)

        second = self.serve(data)
        self.assertEqual(migrations_applied(second), 0)
        self.assert_ready(second)
        self.assertEqual(second.stop(), 0)

    def test_restart_after_sigkill_takes_over_the_orphaned_database_and_keeps_data(self):
        data = self.data_dir()
        first = self.serve(data)
        conninfo = embedded_conninfo(data.path)
        psql(conninfo, "CREATE TABLE public.e2e_marker (note text); INSERT INTO public.e2e_marker VALUES ('survives')")
        first.kill()
        self.assertTrue(data.postgres_running(), "the embedded database should outlive a SIGKILLed emporium")

        second = self.serve(data)
        self.assert_ready(second)
        self.assertEqual(migrations_applied(second), 0)
        self.assertEqual(psql(conninfo, "SELECT note FROM public.e2e_marker"), "survives")
        self.assertEqual(second.stop(), 0)
        self.assert_database_stopped(data)

    def test_restart_after_sigkill_of_emporium_and_its_database(self):
        data = self.data_dir()
        first = self.serve(data)
        postmaster = read_postmaster_pid(data)
        first.kill()
        os.kill(postmaster, signal.SIGKILL)
        wait_until(lambda: not os.path.exists(f"/proc/{postmaster}"), 30, "the postmaster is gone")
        self.assertTrue(os.path.exists(os.path.join(data.cluster_dir, "postmaster.pid")),
                        "a killed postmaster leaves its lock file")

        second = self.serve(data)
        self.assert_ready(second)
        self.assertEqual(migrations_applied(second), 0)
        self.assertEqual(second.stop(), 0)
        self.assert_database_stopped(data)

    def test_stale_postmaster_pid_naming_another_live_process_is_handled(self):
        data = self.data_dir()
        first = self.serve(data)
        lock_path = os.path.join(data.cluster_dir, "postmaster.pid")
        with open(lock_path) as lock:
            lock_lines = lock.read().splitlines()
        self.assertEqual(first.stop(), 0)

        # The pid was reused by an unrelated process, as after a reboot.
        unrelated = subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL)
        self.addCleanup(lambda: (unrelated.kill(), unrelated.wait()))
        lock_lines[0] = str(unrelated.pid)
        with open(lock_path, "w") as lock:
            lock.write("\n".join(lock_lines) + "\n")
        if RUNNING_AS_ROOT:
            owner = pwd.getpwnam(POSTGRES_OS_USER)
            os.chown(lock_path, owner.pw_uid, owner.pw_gid)
        os.chmod(lock_path, 0o600)

        second = self.serve(data)
        self.assert_ready(second)
        self.assertIsNone(unrelated.poll(), "the unrelated process was killed")
        self.assertEqual(second.stop(), 0)
        self.assert_database_stopped(data)


class Readiness(LifecycleTestCase):
    def test_readyz_is_503_while_the_database_is_down_and_recovers(self):
        data = self.data_dir()
        server = self.serve(data)
        self.assert_ready(server)
        stopped = pg_ctl(data.cluster_dir, "stop", "-m", "fast", "-w")
        self.assertEqual(stopped.returncode, 0, stopped.stderr)

        def readyz_status():
            return server.request("GET", "/readyz", timeout=20)

        wait_until(lambda: readyz_status()[0] == 503, 30, "/readyz answers 503")
        status, headers, body = readyz_status()
        self.assertEqual(headers.get("Content-Type", "").split(";")[0], "application/problem+json")
        self.assertIn(b'"not_ready"', body)
        self.assertEqual(server.request("GET", "/healthz")[0], 200, "/healthz must not depend on the database")

        run_dir = os.path.join(data.cluster_dir, "run")
        restarted = pg_ctl(data.cluster_dir, "start", "-w", "-l", os.path.join(data.cluster_dir, "server.log"),
                           "-o", f"-c listen_addresses='' -k {run_dir} -p 5432")
        self.assertEqual(restarted.returncode, 0, restarted.stdout + restarted.stderr)
        wait_until(lambda: readyz_status()[0] == 200, 30, "/readyz answers 200 again")


class SharedDatabase(LifecycleTestCase):
    def test_two_instances_started_together_apply_each_migration_once(self):
        host = self.serve(self.data_dir())
        host_conninfo = embedded_conninfo(host.data_dir)
        psql(host_conninfo, "CREATE DATABASE e2e_shared")
        shared = embedded_conninfo(host.data_dir, dbname="e2e_shared")

        first = self.serve(start=False, args=["--database-url", shared])
        second = self.serve(start=False, env={"EMPORIUM_DATABASE_URL": shared})
        first.start(wait=False)
        second.start(wait=False)
        first.wait_until_healthy()
        second.wait_until_healthy()
        self.assert_ready(first)
        self.assert_ready(second)

        total, distinct = psql(shared, "SELECT count(*), count(DISTINCT (module, number)) "
                                       "FROM emporium_meta.schema_migrations").split("|")
        self.assertEqual(total, distinct)
        self.assertEqual(int(total), int(psql(host_conninfo, "SELECT count(*) FROM emporium_meta.schema_migrations")))
        self.assertEqual(migrations_applied(first) + migrations_applied(second), int(total),
                         "each migration must be applied by exactly one instance")
        for instance in (first, second):
            self.assertFalse(os.path.exists(instance.data.cluster_dir), "an instance with a URL started a database")

        self.assertEqual(first.stop(), 0)
        self.assertEqual(second.stop(), 0)
        self.assertTrue(host.data.postgres_running(), "an instance with a URL stopped a server it does not own")


class Tls(LifecycleTestCase):
    @classmethod
    def setUpClass(cls):
        cls.pki = tempfile.mkdtemp(prefix="emp-tls-")
        cls.cert = os.path.join(cls.pki, "c.pem")
        cls.key = os.path.join(cls.pki, "k.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                        "-keyout", cls.key, "-out", cls.cert], check=True, capture_output=True, timeout=120)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.pki, ignore_errors=True)

    def test_https_serves_healthz_with_hsts_and_plain_http_fails(self):
        server = self.serve(tls=True, env={"EMPORIUM_TLS_CERT": self.cert, "EMPORIUM_TLS_KEY": self.key})
        listening = server.wait_for_log(lambda line: line.get("msg") == "listening", what="listening line")[0]
        self.assertTrue(listening["url"].startswith("https://"), listening)

        conn = server.connection()
        self.addCleanup(conn.close)
        for _ in range(3):
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            self.assertEqual(response.status, 200)
            self.assertEqual(response.read(), b'{"status":"ok"}')
            hsts = response.getheader("Strict-Transport-Security") or ""
            self.assertRegex(hsts, r"max-age=\d+")
            self.assertGreaterEqual(int(hsts.split("max-age=")[1].split(";")[0]), 86400)
        conn.close()

        plain = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        self.addCleanup(plain.close)
        with self.assertRaises((OSError, http.client.HTTPException)):
            plain.request("GET", "/healthz")
            plain.getresponse().read()
        self.assertEqual(server.request("GET", "/healthz")[0], 200, "a plain-HTTP attempt broke the server")
        self.assertEqual(server.stop(), 0)

    def assert_refused(self, env, key):
        server = self.serve(start=False, env=env)
        server.start(wait=False)
        code = server.wait_for_exit(60)
        self.assertNotEqual(code, 0)
        lines = [line for line in server.log_text().strip().splitlines() if not line.startswith("{")]
        self.assertEqual(len(lines), 1, f"expected one plain error line: {server.log_text()!r}")
        self.assertIn(key, lines[0])
        self.assertFalse(server.data.postgres_running(), "the embedded database was left running")
        return lines[0]

    def test_certificate_without_key_refuses_to_start(self):
        self.assert_refused({"EMPORIUM_TLS_CERT": self.cert}, "tls.key")
        self.assertFalse(os.path.exists(self.started[-1].data.cluster_dir), "the database started despite bad TLS config")

    def test_key_without_certificate_refuses_to_start(self):
        self.assert_refused({"EMPORIUM_TLS_KEY": self.key}, "tls.cert")

    def test_unreadable_certificate_refuses_to_start(self):
        missing = os.path.join(self.pki, "missing.pem")
        self.assert_refused({"EMPORIUM_TLS_CERT": missing, "EMPORIUM_TLS_KEY": self.key}, "tls")


def read_postmaster_pid(data):
    with open(os.path.join(data.cluster_dir, "postmaster.pid")) as lock:
        return int(lock.readline().strip())


if __name__ == "__main__":
    unittest.main()
