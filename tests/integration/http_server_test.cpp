// The HTTP server over real loopback sockets, without a database.
#include <doctest/doctest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "emporium/kernel/http_server.hpp"

using namespace emporium::kernel;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

struct RunningServer {
  KernelConfig config;
  Router router;
  Metrics metrics;
  std::unique_ptr<HttpPipeline> pipeline;
  std::unique_ptr<HttpServer> server;
  std::thread thread;
  std::thread::id io_thread;
  std::atomic<bool> finished{false};

  explicit RunningServer(std::chrono::milliseconds header_timeout = 5s) {
    config.listen_host = "127.0.0.1";
    config.listen_port = 0;
    config.io_threads = 1;
    config.db_pool_size = 2;
    config.header_timeout = header_timeout;
    config.shutdown_timeout = 5s;
  }

  void start() {
    pipeline = std::make_unique<HttpPipeline>(config, router, metrics);
    server = std::make_unique<HttpServer>(config, *pipeline);
    REQUIRE(server->listen());
    std::promise<std::thread::id> started;
    auto id = started.get_future();
    thread = std::thread([this, &started] {
      started.set_value(std::this_thread::get_id());
      server->run(false);
      finished = true;
    });
    io_thread = id.get();
  }

  ~RunningServer() {
    if (thread.joinable()) {
      server->stop();
      thread.join();
    }
  }
};

bhttp::response<bhttp::string_body> get(std::uint16_t port, const std::string& target) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer, response);
  return response;
}

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds deadline = 5s) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (predicate()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return predicate();
}

}  // namespace

TEST_CASE("http server runs blocking handlers on the worker pool, never on the IO thread") {
  RunningServer s;
  std::atomic<std::thread::id> blocking_thread, inline_thread;
  s.router.add("GET", "/blocking", [&](http::Request&) {
    blocking_thread = std::this_thread::get_id();
    return http::Response::empty(204);
  });
  s.router.add("GET", "/inline", [&](http::Request&) {
    inline_thread = std::this_thread::get_id();
    return http::Response::empty(204);
  }, {"default", RunsOn::io_thread});
  s.start();
  CHECK(get(s.server->port(), "/blocking").result_int() == 204);
  CHECK(get(s.server->port(), "/inline").result_int() == 204);
  CHECK(inline_thread.load() == s.io_thread);
  CHECK(blocking_thread.load() != s.io_thread);
}

TEST_CASE("http server finishes in-flight requests before it stops") {
  RunningServer s;
  std::atomic<bool> release{false};
  s.router.add("GET", "/slow", [&](http::Request&) {
    while (!release) std::this_thread::sleep_for(1ms);
    return http::Response::json(200, R"({"done":true})");
  });
  s.start();
  auto response = std::async(std::launch::async, [&] { return get(s.server->port(), "/slow"); });
  REQUIRE(eventually([&] { return s.server->in_flight() == 1; }));
  s.server->stop();
  // Stopping must wait for the request: run() has not returned yet.
  std::this_thread::sleep_for(50ms);
  CHECK_FALSE(s.finished.load());
  release = true;
  auto result = response.get();
  CHECK(result.result_int() == 200);
  CHECK(result.body() == R"({"done":true})");
  s.thread.join();
}

TEST_CASE("http server stops accepting connections after stop") {
  RunningServer s;
  s.router.add("GET", "/ok", [](http::Request&) { return http::Response::empty(204); });
  s.start();
  auto port = s.server->port();
  CHECK(get(port, "/ok").result_int() == 204);
  s.server->stop();
  s.thread.join();
  boost::asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
  CHECK(ec);
}

TEST_CASE("http server closes a connection that sends no header within the header timeout") {
  RunningServer s(200ms);
  s.start();
  boost::asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), s.server->port()));
  auto started = std::chrono::steady_clock::now();
  char byte;
  boost::system::error_code ec;
  socket.read_some(boost::asio::buffer(&byte, 1), ec);
  CHECK(ec == boost::asio::error::eof);
  CHECK(std::chrono::steady_clock::now() - started < 3s);
}
