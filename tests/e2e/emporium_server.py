"""Runs the real emporium binary for end-to-end tests.

Every server gets a free loopback port and a private data directory, so test
files can run in parallel. Cleanup always stops what was started: the
emporium process by its pid, then any embedded PostgreSQL left in the data
directory (a SIGKILLed emporium leaves its database running).
"""

import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
from signal import SIGKILL, SIGTERM

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 30.0
LOG_TAIL_LINES = 40
POSTGRES_BIN_DIR = os.environ.get("EMPORIUM_POSTGRES_BIN_DIR", "/usr/lib/postgresql/15/bin")
RUNNING_AS_ROOT = os.geteuid() == 0
POSTGRES_OS_USER = "postgres"


def binary():
    path = os.environ.get("EMPORIUM_BINARY")
    if not path:
        raise RuntimeError("set EMPORIUM_BINARY to the built emporium executable")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"EMPORIUM_BINARY={path} is not an executable file")
    return path


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(extra=None):
    """The caller's environment without EMPORIUM_* settings, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EMPORIUM_")}
    env.update(extra or {})
    return env


def as_postgres_user(argv):
    """PostgreSQL tools refuse to run as root: run them as the cluster's owner."""
    if RUNNING_AS_ROOT:
        return ["runuser", "-u", POSTGRES_OS_USER, "--"] + list(argv)
    return list(argv)


def pg_ctl(cluster_dir, *args, timeout=120):
    argv = as_postgres_user([os.path.join(POSTGRES_BIN_DIR, "pg_ctl"), *args, "-D", cluster_dir])
    return subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout, cwd="/")


def embedded_conninfo(data_dir, dbname="emporium"):
    """The libpq connection string of the embedded server under `data_dir`."""
    return f"host={os.path.join(data_dir, 'postgres', 'run')} port=5432 dbname={dbname} user=postgres"


def psql(conninfo, sql, timeout=60):
    """Runs `sql` with psql -At and returns its output; raises on failure."""
    result = subprocess.run(["psql", conninfo, "-v", "ON_ERROR_STOP=1", "-Atc", sql], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=timeout, cwd="/")
    if result.returncode != 0:
        raise AssertionError(f"psql failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout.strip()


class Headers:
    """Response headers with case-insensitive names; repeated fields are joined with ', '."""

    def __init__(self, pairs):
        self._fields = {}
        for name, value in pairs:
            key = name.lower()
            self._fields[key] = f"{self._fields[key]}, {value}" if key in self._fields else value

    def get(self, name, default=None):
        return self._fields.get(name.lower(), default)

    def __getitem__(self, name):
        return self._fields[name.lower()]

    def __contains__(self, name):
        return name.lower() in self._fields

    def __repr__(self):
        return repr(self._fields)


class DataDir:
    """A private data directory that the postgres OS user may enter.

    Removing it first stops any embedded PostgreSQL still running in it.
    """

    def __init__(self):
        # Short and under /tmp: the embedded server's Unix socket path must
        # fit in 107 bytes.
        self.path = tempfile.mkdtemp(prefix="emp-", dir="/tmp")
        if RUNNING_AS_ROOT:
            os.chmod(self.path, 0o755)

    @property
    def cluster_dir(self):
        return os.path.join(self.path, "postgres")

    def postgres_running(self):
        """True while pg_ctl finds a live server for this cluster."""
        if not os.path.exists(os.path.join(self.cluster_dir, "PG_VERSION")):
            return False
        return pg_ctl(self.cluster_dir, "status").returncode == 0

    def stop_postgres(self):
        if os.path.exists(os.path.join(self.cluster_dir, "postmaster.pid")):
            pg_ctl(self.cluster_dir, "stop", "-m", "immediate", "-w")

    def remove(self):
        try:
            self.stop_postgres()
        finally:
            shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()
        return False


class EmporiumServer:
    """`emporium serve` on a free loopback port with a private data directory.

    args: extra command-line arguments after `serve ...`.
    env: extra environment variables (EMPORIUM_* from the caller's environment are dropped).
    data_dir: a DataDir to share between servers (the caller removes it); default: a new one removed on close.
    listen_flag: False leaves --listen out, so the address comes from the config file or environment;
                 `port` must then say where the server will answer.
    data_dir_flag: False leaves --data-dir out (the data directory must then come from elsewhere).
    tls: talk HTTPS (without certificate verification) to the server.
    """

    def __init__(self, args=(), env=None, data_dir=None, listen_flag=True, port=None, tls=False,
                 start_timeout=START_TIMEOUT_S, data_dir_flag=True):
        self.extra_args = list(args)
        self.extra_env = dict(env or {})
        self.owns_data_dir = data_dir is None
        self.data = data_dir if data_dir is not None else DataDir()
        self.listen_flag = listen_flag
        self.data_dir_flag = data_dir_flag
        self.port = port if port is not None else free_port()
        self.tls = tls
        self.start_timeout = start_timeout
        self.process = None
        self.log_path = None
        self._log_file = None
        self._retained_log = None
        self._starts = 0

    @property
    def data_dir(self):
        return self.data.path

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def argv(self):
        argv = [binary(), "serve"]
        if self.data_dir_flag:
            argv += ["--data-dir", self.data.path]
        if self.listen_flag:
            argv += ["--listen", f"127.0.0.1:{self.port}"]
        return argv + self.extra_args

    # Life cycle -------------------------------------------------------------

    def start(self, wait=True):
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError("the server is already running")
        self._starts += 1
        # One log per start, so a restart's log can be read on its own.
        self.log_path = os.path.join(self.data.path, f"emporium-{self._starts}.log")
        self._log_file = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.argv(), stdin=subprocess.DEVNULL, stdout=self._log_file,
                                        stderr=self._log_file, env=clean_environment(self.extra_env),
                                        cwd=self.data.path)
        if wait:
            self.wait_until_healthy()
        return self

    def wait_until_healthy(self, timeout=None):
        deadline = time.monotonic() + (timeout or self.start_timeout)
        last_error = None
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise AssertionError(f"emporium exited with {code} before answering /healthz\n{self.log_tail()}")
            try:
                status, _, _ = self.request("GET", "/healthz", timeout=2)
                if status == 200:
                    return
                last_error = f"status {status}"
            except (OSError, http.client.HTTPException) as error:
                last_error = repr(error)
            time.sleep(0.05)
        raise AssertionError(f"emporium did not answer /healthz within {timeout or self.start_timeout}s "
                             f"(last: {last_error})\n{self.log_tail()}")

    def running(self):
        return self.process is not None and self.process.poll() is None

    def send_signal(self, signal):
        self.process.send_signal(signal)

    def stop(self, signal=SIGTERM, timeout=STOP_TIMEOUT_S):
        """Sends `signal` and waits for the exit; returns the exit code (negative: killed by a signal)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"emporium did not exit within {timeout}s of signal {signal}\n{self.log_tail()}")
        self._close_log()
        return self.process.returncode

    def kill(self):
        """SIGKILL: nothing is cleaned up, the embedded PostgreSQL keeps running."""
        return self.stop(SIGKILL)

    def wait_for_exit(self, timeout=STOP_TIMEOUT_S):
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"emporium still runs after {timeout}s\n{self.log_tail()}")
        self._close_log()
        return self.process.returncode

    def close(self):
        try:
            if self.running():
                try:
                    self.stop(SIGTERM, timeout=30)
                except AssertionError:
                    pass  # stop() killed it
        finally:
            self._close_log()
            # Kept in memory: a failure report printed after cleanup still shows it.
            self._retained_log = self.log_text()
            if self.owns_data_dir:
                self.data.remove()

    def _close_log(self):
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self):
        if self.process is None:
            try:
                self.start()
            except BaseException:
                self.close()
                raise
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and not isinstance(exc, unittest.SkipTest):
            print_log_tail(self)
        self.close()
        return False

    # Logs -------------------------------------------------------------------

    def log_text(self):
        if not self.log_path or not os.path.exists(self.log_path):
            return self._retained_log or ""
        with open(self.log_path, "rb") as log:
            return log.read().decode("utf-8", "replace")

    def log_tail(self, lines=LOG_TAIL_LINES):
        text = self.log_text().splitlines()[-lines:]
        return f"--- emporium log tail ({self.log_path}) ---\n" + "\n".join(text) + "\n--- end of log ---"

    def log_lines(self):
        """The JSON log lines of the current (or last) run, parsed; other lines are skipped."""
        parsed = []
        for line in self.log_text().splitlines():
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                parsed.append(value)
        return parsed

    def wait_for_log(self, predicate, timeout=10.0, what="a matching log line"):
        """Polls the log until `predicate(line)` holds for some line; returns the matching lines."""
        deadline = time.monotonic() + timeout
        while True:
            found = [line for line in self.log_lines() if predicate(line)]
            if found:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(f"no {what} in the log within {timeout}s\n{self.log_tail()}")
            time.sleep(0.05)

    # HTTP -------------------------------------------------------------------

    def connection(self, timeout=REQUEST_TIMEOUT_S, source_address=None):
        """A new (keep-alive capable) http.client connection to the server."""
        source = (source_address, 0) if source_address else None
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=context,
                                               source_address=source)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=source)

    def request(self, method, path, body=None, headers=None, timeout=REQUEST_TIMEOUT_S, source_address=None):
        """One request on its own connection: (status, Headers, body bytes)."""
        conn = self.connection(timeout=timeout, source_address=source_address)
        try:
            return send(conn, method, path, body, headers)
        finally:
            conn.close()

    def request_json(self, method, path, payload=None, headers=None, **kwargs):
        """Sends `payload` as JSON; returns (status, Headers, parsed body or None)."""
        all_headers = dict(headers or {})
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            all_headers.setdefault("Content-Type", "application/json")
        status, response_headers, raw = self.request(method, path, body, all_headers, **kwargs)
        return status, response_headers, json.loads(raw) if raw else None

    def get_json(self, path, headers=None, **kwargs):
        return self.request_json("GET", path, None, headers, **kwargs)


def send(conn, method, path, body=None, headers=None):
    """Sends one request on an open connection and reads the whole response."""
    if isinstance(body, str):
        body = body.encode()
    conn.request(method, path, body=body, headers=dict(headers or {}))
    response = conn.getresponse()
    data = response.read()
    return response.status, Headers(response.getheaders()), data


def print_log_tail(server):
    if server is not None and server.log_path:
        print("\n" + server.log_tail(), file=sys.stderr)


def run_cli(args, env=None, timeout=120, cwd=None):
    """Runs `emporium <args>` to completion: CompletedProcess with text stdout/stderr.

    A command that does not finish within `timeout` is killed and reported.
    """
    argv = [binary()] + list(args)
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=clean_environment(env), cwd=cwd or tempfile.gettempdir(), text=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        raise AssertionError(f"`{' '.join(argv)}` did not finish within {timeout}s\n"
                             f"stdout: {stdout}\nstderr: {stderr[-4000:]}")
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


class ServerTestCase(unittest.TestCase):
    """Prints the log tail of `self.servers()` whenever a test fails or errors."""

    def servers(self):
        return [value for value in vars(type(self)).values() if isinstance(value, EmporiumServer)]

    def run(self, result=None):
        result = result if result is not None else self.defaultTestResult()
        before = len(result.failures) + len(result.errors)
        outcome = super().run(result)
        if len(result.failures) + len(result.errors) > before:
            for server in self.servers():
                print_log_tail(server)
        return outcome
