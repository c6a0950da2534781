// Checkout load generator: `--clients` customers, each on its own thread and
// keep-alive connection, walk the whole checkout in a loop: create a guest
// cart, add two products, quote shipping, place the order with the test card
// and a unique Idempotency-Key. Prints completed checkouts per second and the
// latency percentiles of POST /orders (and the mean of every step).
//
// Set-up first, outside the measurement: the seller (made beforehand with
// `emporium user create`) signs in and creates `--products` products with a
// huge stock; `--clients` customers register.
//
//   checkout_load --port 8080 --seller-email E --password P [--clients 32]
//                 [--products 20] [--duration 30] [--warmup 5] [--host 127.0.0.1]
//
// Built only when asked: cmake -DEMPORIUM_BENCH=ON, target checkout_load
// (bench/checkout_load.sh does it).
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/json/src.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace json = boost::json;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kApi = "/api/v1";
constexpr const char* kTestCard = "4242424242424242";
constexpr int kSteps = 4;  // cart, items (both), quote, order
constexpr const char* kStepNames[kSteps] = {"POST /carts", "POST /carts/{id}/items x2", "POST /shipping/quote",
                                            "POST /orders"};

struct Options {
  std::string host = "127.0.0.1";
  std::string port;
  std::string seller_email;
  std::string password;
  int clients = 32;
  int products = 20;
  double duration_s = 30;
  double warmup_s = 5;
};

struct Reply {
  unsigned status = 0;
  std::string body;
};

// One keep-alive HTTP/1.1 connection, reopened when the server closes it.
class Client {
 public:
  Client(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {}

  Reply call(http::verb verb, const std::string& path, const std::string& body = {}, const std::string& token = {},
             const std::string& idempotency_key = {}) {
    http::request<http::string_body> request{verb, std::string(kApi) + path, 11};
    request.set(http::field::host, host_);
    request.keep_alive(true);
    if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
    if (!idempotency_key.empty()) request.set("Idempotency-Key", idempotency_key);
    if (!body.empty()) {
      request.set(http::field::content_type, "application/json");
      request.body() = body;
    }
    request.prepare_payload();
    // A kept-alive connection may have been closed by the server while idle:
    // one retry on a fresh one (POST /orders is safe to repeat: same key).
    for (int attempt = 0;; ++attempt) {
      bool reused = stream_ != nullptr;
      try {
        if (!stream_) connect();
        http::write(*stream_, request);
        http::response<http::string_body> response;
        http::read(*stream_, buffer_, response);
        if (!response.keep_alive()) close();
        return {response.result_int(), std::move(response.body())};
      } catch (const beast::system_error&) {
        close();
        if (!reused || attempt > 0) throw;
      }
    }
  }

 private:
  void connect() {
    tcp::resolver resolver(io_);
    stream_ = std::make_unique<beast::tcp_stream>(io_);
    stream_->connect(resolver.resolve(host_, port_));
    stream_->socket().set_option(tcp::no_delay(true));
  }
  void close() {
    if (stream_) {
      beast::error_code ignored;
      stream_->socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream_.reset();
    }
    buffer_.clear();
  }

  std::string host_, port_;
  net::io_context io_;
  std::unique_ptr<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "checkout_load: %s\n", what.c_str());
  std::exit(1);
}

json::object expect_object(const Reply& reply, unsigned status, const char* what) {
  if (reply.status != status) fail(std::string(what) + " answered " + std::to_string(reply.status) + ": " + reply.body);
  return json::parse(reply.body).as_object();
}

std::string text(const json::object& object, const char* field) {
  return std::string(object.at(field).as_string());
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--host") options.host = value;
    else if (flag == "--port") options.port = value;
    else if (flag == "--seller-email") options.seller_email = value;
    else if (flag == "--password") options.password = value;
    else if (flag == "--clients") options.clients = std::stoi(value);
    else if (flag == "--products") options.products = std::stoi(value);
    else if (flag == "--duration") options.duration_s = std::stod(value);
    else if (flag == "--warmup") options.warmup_s = std::stod(value);
    else fail("unknown flag " + flag);
  }
  if (argc % 2 == 0) fail("flags come in pairs: --flag value");
  if (options.port.empty() || options.seller_email.empty() || options.password.empty())
    fail("needs --port, --seller-email and --password");
  if (options.clients < 1 || options.products < 2) fail("needs --clients >= 1 and --products >= 2");
  return options;
}

// The seller's products, each with a stock that the run cannot exhaust.
std::vector<std::string> create_products(Client& client, const Options& options) {
  json::object login{{"email", options.seller_email}, {"password", options.password}};
  std::string token = text(expect_object(client.call(http::verb::post, "/auth/login", json::serialize(login)), 200,
                                         "seller login"), "token");
  std::vector<std::string> ids;
  for (int i = 0; i < options.products; ++i) {
    json::object product{{"name", "Bench kettle " + std::to_string(getpid()) + "-" + std::to_string(i)},
                         {"price", 10 + i},  // whole units: no binary fraction to round
                         {"weight_grams", 300 + 50 * i}};
    auto created = expect_object(client.call(http::verb::post, "/products", json::serialize(product), token), 201,
                                 "POST /products");
    ids.push_back(text(created, "id"));
    json::object stock{{"delta", 100000000}};
    expect_object(client.call(http::verb::patch, "/products/" + ids.back() + "/stock", json::serialize(stock), token),
                  200, "PATCH /products/{id}/stock");
  }
  return ids;
}

std::vector<std::string> register_customers(Client& client, const Options& options) {
  std::vector<std::string> tokens;
  for (int i = 0; i < options.clients; ++i) {
    json::object account{{"email", "bench-" + std::to_string(getpid()) + "-" + std::to_string(i) + "@example.com"},
                         {"password", options.password},
                         {"name", "Bench Customer"}};
    tokens.push_back(text(expect_object(client.call(http::verb::post, "/auth/register", json::serialize(account)),
                                        201, "POST /auth/register"), "token"));
  }
  return tokens;
}

struct Tally {
  std::vector<std::int64_t> order_us;  // POST /orders of checkouts completed in the window
  std::int64_t step_us[kSteps] = {};
  std::int64_t step_count[kSteps] = {};
  std::int64_t completed = 0;
  std::map<std::string, std::int64_t> failures;  // "<step> <status>" -> count
  std::map<std::string, std::string> failure_sample;
};

const json::object kAddress{{"name", "Ann Lee"},        {"line1", "1 Main Street"}, {"city", "Springfield"},
                            {"region", "IL"},           {"postal_code", "62701"},   {"country", "US"}};

// One customer's loop until `end`; only checkouts that finish inside
// [measure_from, end) are counted.
void shop(const Options& options, const std::string& token, const std::vector<std::string>& products, int seed,
          Clock::time_point measure_from, Clock::time_point end, Tally& tally) {
  Client client(options.host, options.port);
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> pick(0, products.size() - 1);
  long serial = 0;
  while (Clock::now() < end) {
    std::int64_t took[kSteps] = {};
    int step = 0;
    Reply reply;
    auto timed = [&](auto&& call) {
      auto start = Clock::now();
      reply = call();
      took[step] += std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
    };
    auto failed = [&](unsigned expected) {
      if (reply.status == expected || (expected == 201 && step == 1 && reply.status == 200)) return false;
      std::string key = std::string(kStepNames[step]) + " " + std::to_string(reply.status);
      if (Clock::now() >= measure_from) {
        ++tally.failures[key];
        tally.failure_sample.try_emplace(key, reply.body.substr(0, 300));
      }
      return true;
    };
    try {
      timed([&] { return client.call(http::verb::post, "/carts"); });
      if (failed(201)) continue;
      std::string cart_id = text(json::parse(reply.body).as_object(), "id");
      step = 1;
      std::size_t first = pick(random), second = (first + 1 + pick(random) % (products.size() - 1)) % products.size();
      bool added = true;
      for (std::size_t product : {first, second}) {
        json::object item{{"product_id", products[product]}, {"quantity", 1}};
        timed([&] { return client.call(http::verb::post, "/carts/" + cart_id + "/items", json::serialize(item)); });
        if (failed(201)) {
          added = false;
          break;
        }
      }
      if (!added) continue;
      step = 2;
      json::object quote{{"cart_id", cart_id}, {"address", kAddress}};
      timed([&] { return client.call(http::verb::post, "/shipping/quote", json::serialize(quote), token); });
      if (failed(200)) continue;
      // The cheapest option, as a shopper would take it.
      std::string option_id;
      double cheapest = 0;
      json::value quoted = json::parse(reply.body);  // kept alive: the loop reads into it
      for (const auto& option : quoted.as_object().at("options").as_array()) {
        double price = json::value_to<double>(option.as_object().at("price"));
        if (option_id.empty() || price < cheapest) {
          option_id = text(option.as_object(), "id");
          cheapest = price;
        }
      }
      step = 3;
      json::object order{{"cart_id", cart_id},
                         {"shipping_address", kAddress},
                         {"shipping_option_id", option_id},
                         {"payment",
                          {{"method", "card"},
                           {"card", {{"number", kTestCard}, {"exp_month", 12}, {"exp_year", 2034}, {"cvc", "123"}}}}}};
      std::string key = "bench-" + std::to_string(getpid()) + "-" + std::to_string(seed) + "-" + std::to_string(++serial);
      timed([&] { return client.call(http::verb::post, "/orders", json::serialize(order), token, key); });
      if (failed(201)) continue;
      auto now = Clock::now();
      if (now >= measure_from && now < end) {
        ++tally.completed;
        tally.order_us.push_back(took[3]);
        for (int s = 0; s < kSteps; ++s) {
          tally.step_us[s] += took[s];
          ++tally.step_count[s];
        }
      }
    } catch (const std::exception& error) {
      std::string key = std::string(kStepNames[step]) + " exception";
      ++tally.failures[key];
      tally.failure_sample.try_emplace(key, error.what());
    }
  }
}

double percentile_ms(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t index = std::min(sorted.size() - 1, static_cast<std::size_t>(p / 100.0 * sorted.size()));
  return sorted[index] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse(argc, argv);
  Client setup(options.host, options.port);
  auto products = create_products(setup, options);
  auto tokens = register_customers(setup, options);
  std::printf("set-up: %d products, %d customers signed in\n", options.products, options.clients);

  auto start = Clock::now();
  auto measure_from = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.warmup_s));
  auto end = measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.duration_s));
  std::vector<Tally> tallies(options.clients);
  std::vector<std::thread> threads;
  for (int i = 0; i < options.clients; ++i)
    threads.emplace_back(shop, std::cref(options), std::cref(tokens[i]), std::cref(products), i, measure_from, end,
                         std::ref(tallies[i]));
  for (auto& thread : threads) thread.join();

  Tally all;
  for (auto& tally : tallies) {
    all.completed += tally.completed;
    all.order_us.insert(all.order_us.end(), tally.order_us.begin(), tally.order_us.end());
    for (int s = 0; s < kSteps; ++s) {
      all.step_us[s] += tally.step_us[s];
      all.step_count[s] += tally.step_count[s];
    }
    for (auto& [key, count] : tally.failures) all.failures[key] += count;
    for (auto& [key, sample] : tally.failure_sample) all.failure_sample.try_emplace(key, sample);
  }
  std::sort(all.order_us.begin(), all.order_us.end());
  std::int64_t failed = 0;
  for (auto& [key, count] : all.failures) failed += count;

  std::printf("clients: %d, warm-up %.0fs, measured %.0fs\n", options.clients, options.warmup_s, options.duration_s);
  std::printf("completed checkouts: %lld (%.1f/s), failed: %lld\n", static_cast<long long>(all.completed),
              all.completed / options.duration_s, static_cast<long long>(failed));
  std::printf("POST /orders latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
              percentile_ms(all.order_us, 50), percentile_ms(all.order_us, 90), percentile_ms(all.order_us, 99),
              all.order_us.empty() ? 0.0 : all.order_us.back() / 1000.0);
  for (int s = 0; s < kSteps; ++s)
    std::printf("  mean %-26s %.1f ms\n", kStepNames[s],
                all.step_count[s] ? all.step_us[s] / 1000.0 / all.step_count[s] : 0.0);
  for (auto& [key, count] : all.failures)
    std::printf("failure %s: %lld, e.g. %s\n", key.c_str(), static_cast<long long>(count),
                all.failure_sample[key].c_str());
  std::printf("| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %lld |\n", options.clients, all.completed / options.duration_s,
              percentile_ms(all.order_us, 50), percentile_ms(all.order_us, 90), percentile_ms(all.order_us, 99),
              all.order_us.empty() ? 0.0 : all.order_us.back() / 1000.0, static_cast<long long>(failed));
  return all.completed > 0 ? 0 : 1;
}
