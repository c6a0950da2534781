"""The emporium command line: version, help, usage errors, configuration
errors and precedence (file < environment < flag), and `migrate`."""

import json
import os
import re
import unittest

from emporium_server import DataDir, EmporiumServer, free_port, run_cli

PROJECT_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def project_version():
    with open(os.path.join(PROJECT_ROOT, "CMakeLists.txt")) as cmake:
        match = re.search(r"project\(\s*emporium\s+VERSION\s+(\d+\.\d+\.\d+)", cmake.read())
    return match.group(1) if match else None


def write_config(data_dir, name, content):
    path = os.path.join(data_dir.path, name)
    with open(path, "w") as file:
        file.write(content if isinstance(content, str) else json.dumps(content))
    return path


def migrated_count(stdout):
    match = re.search(r"(\d+) applied", stdout)
    if not match:
        raise AssertionError(f"migrate did not print an applied count: {stdout!r}")
    return int(match.group(1))


class VersionAndHelp(unittest.TestCase):
    def test_version_prints_name_and_semver(self):
        result = run_cli(["--version"])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^emporium \d+\.\d+\.\d+\n$")
        expected = project_version()
        if expected:
            self.assertEqual(result.stdout.strip(), f"emporium {expected}")

    def test_help_lists_the_commands(self):
        result = run_cli(["--help"])
        self.assertEqual(result.returncode, 0, result.stderr)
        commands = re.findall(r"^[ \t]+(\S+)[ \t]{2,}", result.stdout, re.MULTILINE)
        self.assertIn("serve", commands, result.stdout)
        self.assertIn("migrate", commands, result.stdout)

    def test_serve_help_lists_its_flags(self):
        result = run_cli(["serve", "--help"])
        self.assertEqual(result.returncode, 0, result.stderr)
        for flag in ("--config", "--listen", "--database-url", "--data-dir", "--demo-data"):
            self.assertRegex(result.stdout, rf"(?m)^\s+{re.escape(flag)}\b", f"serve --help lacks {flag}")

    def test_migrate_help_lists_its_flags(self):
        result = run_cli(["migrate", "--help"])
        self.assertEqual(result.returncode, 0, result.stderr)
        for flag in ("--config", "--database-url", "--data-dir"):
            self.assertRegex(result.stdout, rf"(?m)^\s+{re.escape(flag)}\b", f"migrate --help lacks {flag}")

    def test_unknown_command_exits_2_with_a_message(self):
        result = run_cli(["frobnicate"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("frobnicate", result.stderr)
        self.assertEqual(result.stdout, "")

    def test_unknown_flag_exits_2_with_a_message(self):
        result = run_cli(["serve", "--frobnicate"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("--frobnicate", result.stderr)

    def test_flag_without_its_value_exits_2(self):
        result = run_cli(["serve", "--listen"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("--listen", result.stderr)


class ConfigurationErrors(unittest.TestCase):
    """A bad value stops start-up before anything starts, with one line naming the key."""

    def setUp(self):
        self.data = DataDir()
        self.addCleanup(self.data.remove)

    def assert_refused(self, args, env, key, command="serve"):
        # A free port from the environment, so a test of the listen variable can override it.
        env = dict({"EMPORIUM_LISTEN": f"127.0.0.1:{free_port()}"}, **env)
        result = run_cli([command, "--data-dir", self.data.path] + args, env=env, timeout=30)
        self.assertNotEqual(result.returncode, 0, f"started despite a bad {key}: {result.stderr[-2000:]}")
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, f"expected one line on stderr, got: {result.stderr!r}")
        self.assertIn(key, lines[0])
        self.assertFalse(os.path.exists(self.data.cluster_dir), "the database was started despite the bad config")
        return lines[0]

    def test_non_integer_body_limit(self):
        line = self.assert_refused([], {"EMPORIUM_HTTP_BODY_LIMIT_BYTES": "abc"}, "http.body_limit_bytes")
        self.assertIn("abc", line)

    def test_zero_body_limit(self):
        self.assert_refused([], {"EMPORIUM_HTTP_BODY_LIMIT_BYTES": "0"}, "http.body_limit_bytes")

    def test_listen_without_a_port(self):
        line = self.assert_refused([], {"EMPORIUM_LISTEN": "nonsense"}, "listen")
        self.assertIn("nonsense", line)

    def test_listen_port_out_of_range(self):
        self.assert_refused(["--listen", "127.0.0.1:70000"], {}, "listen")

    def test_unknown_log_level(self):
        self.assert_refused([], {"EMPORIUM_LOG_LEVEL": "loud"}, "log_level")

    def test_negative_rate(self):
        self.assert_refused([], {"EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND": "-1"}, "rate_limits.default.per_second")

    def test_unknown_key_in_config_file(self):
        path = write_config(self.data, "unknown.json", {"listen": "127.0.0.1:0", "htpp": {"body_limit_bytes": 5}})
        self.assert_refused(["--config", path], {}, "htpp")

    def test_unknown_nested_key_in_config_file(self):
        path = write_config(self.data, "nested.json", {"http": {"body_limit": 5}})
        self.assert_refused(["--config", path], {}, "http.body_limit")

    def test_wrong_type_in_config_file(self):
        path = write_config(self.data, "type.json", {"http": {"body_limit_bytes": "big"}})
        self.assert_refused(["--config", path], {}, "http.body_limit_bytes")

    def test_malformed_config_file(self):
        path = write_config(self.data, "broken.json", '{"http": ')
        self.assert_refused(["--config", path], {}, "config")

    def test_missing_config_file(self):
        missing = os.path.join(self.data.path, "missing.json")
        self.assert_refused(["--config", missing], {}, missing)

    def test_config_file_from_environment(self):
        path = write_config(self.data, "from_env.json", {"key_from_env_file": 1})
        self.assert_refused([], {"EMPORIUM_CONFIG": path}, "key_from_env_file")

    def test_config_flag_wins_over_config_environment(self):
        env_file = write_config(self.data, "env.json", {"key_from_env_file": 1})
        flag_file = write_config(self.data, "flag.json", {"key_from_flag_file": 1})
        self.assert_refused(["--config", flag_file], {"EMPORIUM_CONFIG": env_file}, "key_from_flag_file")

    def test_environment_applies_over_a_valid_file(self):
        path = write_config(self.data, "valid.json", {"log_level": "debug"})
        self.assert_refused(["--config", path], {"EMPORIUM_LOG_LEVEL": "loud"}, "log_level")

    def test_migrate_validates_configuration_too(self):
        result = run_cli(["migrate", "--data-dir", self.data.path], env={"EMPORIUM_LOG_LEVEL": "loud"}, timeout=60)
        self.assertNotEqual(result.returncode, 0)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("log_level", lines[0])


class Precedence(unittest.TestCase):
    """config file < EMPORIUM_* environment < flag, seen by which port answers."""

    @classmethod
    def setUpClass(cls):
        cls.data = DataDir()

    @classmethod
    def tearDownClass(cls):
        cls.data.remove()

    def serve(self, port, args=(), env=None, listen_flag=False):
        return EmporiumServer(args=args, env=env, data_dir=self.data, listen_flag=listen_flag, port=port)

    def assert_listens_on(self, server, port):
        listening = server.wait_for_log(lambda line: line.get("msg") == "listening", what="listening line")
        self.assertTrue(listening[0]["url"].endswith(f":{port}"), listening[0])
        status, _, body = server.request("GET", "/healthz")
        self.assertEqual(status, 200, body)

    def test_file_then_environment_then_flag(self):
        file_port, env_port, flag_port = free_port(), free_port(), free_port()
        config = write_config(self.data, "listen.json", {"listen": f"127.0.0.1:{file_port}"})

        with self.serve(file_port, ["--config", config]) as server:
            self.assert_listens_on(server, file_port)
            self.assertEqual(server.stop(), 0)

        with self.serve(env_port, ["--config", config], {"EMPORIUM_LISTEN": f"127.0.0.1:{env_port}"}) as server:
            self.assert_listens_on(server, env_port)
            self.assertEqual(server.stop(), 0)

        with self.serve(flag_port, ["--config", config], {"EMPORIUM_LISTEN": f"127.0.0.1:{env_port}"},
                        listen_flag=True) as server:
            self.assert_listens_on(server, flag_port)
            self.assertEqual(server.stop(), 0)

    def test_environment_provides_flags_values(self):
        port = free_port()
        server = EmporiumServer(env={"EMPORIUM_LISTEN": f"127.0.0.1:{port}", "EMPORIUM_DATA_DIR": self.data.path},
                                data_dir=self.data, listen_flag=False, port=port, data_dir_flag=False)
        with server:
            self.assert_listens_on(server, port)
            self.assertEqual(server.stop(), 0)
        self.assertTrue(os.path.exists(os.path.join(self.data.cluster_dir, "PG_VERSION")))


class Migrate(unittest.TestCase):
    def test_migrate_applies_once_then_nothing(self):
        with DataDir() as data:
            first = run_cli(["migrate", "--data-dir", data.path], timeout=180)
            self.assertEqual(first.returncode, 0, first.stderr[-3000:])
            applied = migrated_count(first.stdout)
            self.assertGreater(applied, 0, first.stdout)
            self.assertFalse(data.postgres_running(), "migrate left the embedded database running")

            second = run_cli(["migrate", "--data-dir", data.path], timeout=180)
            self.assertEqual(second.returncode, 0, second.stderr[-3000:])
            self.assertEqual(migrated_count(second.stdout), 0, second.stdout)
            self.assertIn(str(applied), second.stdout, "the second run should count what is already applied")
            self.assertFalse(data.postgres_running(), "migrate left the embedded database running")


if __name__ == "__main__":
    unittest.main()
