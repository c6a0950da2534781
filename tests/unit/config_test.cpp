#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/kernel_config.hpp"

using namespace emporium::kernel;

namespace {

GetEnv env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

Result<Config> load(const std::string& file, std::map<std::string, std::string> env,
                    std::map<std::string, std::string> flags = {}) {
  return Config::from_defaults(Config::defaults(), file, env_of(std::move(env)), flags);
}

}  // namespace

TEST_CASE("config env names are the dotted key upper-cased with underscores") {
  CHECK(Config::env_name("listen") == "EMPORIUM_LISTEN");
  CHECK(Config::env_name("http.body_limit_bytes") == "EMPORIUM_HTTP_BODY_LIMIT_BYTES");
  CHECK(Config::env_name("rate_limits.auth.per_second") == "EMPORIUM_RATE_LIMITS_AUTH_PER_SECOND");
}

TEST_CASE("config defaults are the shipped config file") {
  auto config = load("", {});
  REQUIRE(config);
  CHECK(config->string("listen") == "127.0.0.1:8080");
  CHECK(config->string("data_dir") == "./var");
  CHECK(config->integer("http.body_limit_bytes") == 1048576);
}

TEST_CASE("config precedence is file, then environment, then flags") {
  std::string file = R"({"listen": "127.0.0.1:1111", "http": {"idle_timeout_ms": 5}})";
  auto from_file = load(file, {});
  REQUIRE(from_file);
  CHECK(from_file->string("listen") == "127.0.0.1:1111");
  CHECK(from_file->integer("http.idle_timeout_ms") == 5);

  auto from_env = load(file, {{"EMPORIUM_LISTEN", "127.0.0.1:2222"}});
  REQUIRE(from_env);
  CHECK(from_env->string("listen") == "127.0.0.1:2222");

  auto from_flag = load(file, {{"EMPORIUM_LISTEN", "127.0.0.1:2222"}}, {{"listen", "127.0.0.1:3333"}});
  REQUIRE(from_flag);
  CHECK(from_flag->string("listen") == "127.0.0.1:3333");
}

TEST_CASE("config parses typed environment values") {
  auto config = load("", {{"EMPORIUM_HTTP_CORS_ORIGINS", "https://a.example, https://b.example"},
                          {"EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND", "2.5"},
                          {"EMPORIUM_DB_POOL_SIZE", "3"}});
  REQUIRE(config);
  CHECK(config->strings("http.cors_origins") == std::vector<std::string>{"https://a.example", "https://b.example"});
  CHECK(config->number("rate_limits.default.per_second") == doctest::Approx(2.5));
  CHECK(config->integer("db_pool_size") == 3);
}

TEST_CASE("config rejects unknown keys and wrong types naming the key") {
  auto unknown = load(R"({"http": {"body_limit": 5}})", {});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message == "config: unknown key 'http.body_limit'");

  auto wrong_type = load(R"({"db_pool_size": "eight"})", {});
  REQUIRE_FALSE(wrong_type);
  CHECK(wrong_type.error().message == "config: db_pool_size must be an integer");

  auto bad_env = load("", {{"EMPORIUM_HTTP_BODY_LIMIT_BYTES", "abc"}});
  REQUIRE_FALSE(bad_env);
  CHECK(bad_env.error().message.find("http.body_limit_bytes") != std::string::npos);
  CHECK(bad_env.error().message.find("EMPORIUM_HTTP_BODY_LIMIT_BYTES") != std::string::npos);

  auto malformed = load("{not json", {});
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().code == "config_malformed");
}

TEST_CASE("kernel config validation names the bad key") {
  auto check_bad = [](std::map<std::string, std::string> env, const std::string& key) {
    auto config = load("", std::move(env));
    REQUIRE(config);
    auto kernel = read_kernel_config(config.value());
    REQUIRE_FALSE(kernel);
    CHECK(kernel.error().message.rfind("config: " + key + " ", 0) == 0);
  };
  check_bad({{"EMPORIUM_LISTEN", "nonsense"}}, "listen");
  check_bad({{"EMPORIUM_LISTEN", "127.0.0.1:70000"}}, "listen");
  check_bad({{"EMPORIUM_LOG_LEVEL", "loud"}}, "log_level");
  check_bad({{"EMPORIUM_DB_POOL_SIZE", "0"}}, "db_pool_size");
  check_bad({{"EMPORIUM_HTTP_IDLE_TIMEOUT_MS", "0"}}, "http.idle_timeout_ms");
  check_bad({{"EMPORIUM_TLS_CERT", "/tmp/cert.pem"}}, "tls.key");
  check_bad({{"EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND", "-1"}}, "rate_limits.default.per_second");
}

TEST_CASE("kernel config reads the listen address and rate limits") {
  auto config = load("", {{"EMPORIUM_LISTEN", "[::1]:9090"}, {"EMPORIUM_IO_THREADS", "3"}});
  REQUIRE(config);
  auto kernel = read_kernel_config(config.value());
  REQUIRE(kernel);
  CHECK(kernel->listen_host == "::1");
  CHECK(kernel->listen_port == 9090);
  CHECK(kernel->io_threads == 3);
  CHECK(kernel->rate_limits.at("auth").per_second == doctest::Approx(5.0));
  CHECK(kernel->rate_limits.at("operations").per_second == 0);
}

TEST_CASE("config integer_between names the key and the bounds") {
  auto config = load("", {{"EMPORIUM_DB_POOL_SIZE", "50"}});
  REQUIRE(config);
  CHECK(config->integer_between("db_pool_size", 1, 100).value() == 50);
  auto out_of_range = config->integer_between("db_pool_size", 1, 10);
  REQUIRE_FALSE(out_of_range);
  CHECK(out_of_range.error().message == "config: db_pool_size must be between 1 and 10, got 50");
}

TEST_CASE("config an empty object default is an open map that a file fills") {
  auto config = load(R"({"order": {"tax_rates": {"DE": 1900, "FR": 2000}}})", {});
  REQUIRE(config);
  CHECK(config->at("order.tax_rates").as_object().at("DE").as_int64() == 1900);
  CHECK(config->at("order.tax_rates").as_object().size() == 2);
  auto unknown = load(R"({"order": {"tax_rate": {}}})", {});
  CHECK_FALSE(unknown);
  auto not_object = load(R"({"order": {"tax_rates": 19}})", {});
  CHECK_FALSE(not_object);
}
