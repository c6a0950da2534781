#include "emporium/kernel/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "emporium/kernel/log.hpp"

namespace emporium::kernel {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kHeaderLimit = 16 * 1024;

// Counts a request as in flight from the moment it is read until its
// response is written, so shutdown can wait for it.
class InFlight {
 public:
  explicit InFlight(std::atomic<std::size_t>& counter) : counter_(counter) { ++counter_; }
  ~InFlight() { --counter_; }

 private:
  std::atomic<std::size_t>& counter_;
};

http::Request to_request(bhttp::request<bhttp::string_body>&& message) {
  http::Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

bhttp::response<bhttp::string_body> to_message(http::Response&& response, unsigned version, bool keep_alive,
                                               bool head_only) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  message.set(bhttp::field::server, "emporium");
  for (auto& [name, value] : response.headers) message.set(name, value);
  message.keep_alive(keep_alive);
  std::size_t size = response.body.size();
  if (!head_only) message.body() = std::move(response.body);
  bool bodyless = response.status == 204 || response.status == 304 || response.status < 200;
  if (!bodyless) message.content_length(size);
  return message;
}

}  // namespace

struct HttpServer::Impl {
  Impl(const KernelConfig& c, HttpPipeline& p)
      : config(c), pipeline(p), io(c.io_threads), workers(static_cast<std::size_t>(c.db_pool_size)), acceptor(io),
        signals(io) {}

  const KernelConfig& config;
  HttpPipeline& pipeline;
  asio::io_context io;
  asio::thread_pool workers;  // blocking handlers run here, never on `io`
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::optional<asio::ssl::context> tls;
  std::atomic<std::size_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::uint16_t port = 0;

  template <class Stream>
  asio::awaitable<void> serve(Stream stream, std::string peer, bool secure);
  template <class Stream>
  asio::awaitable<void> serve_requests(Stream& stream, const std::string& peer, bool secure);
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> drain_then_stop();
  http::Response respond(http::Request& request, const std::string& peer, bool secure);
};

template <class Stream>
asio::awaitable<void> HttpServer::Impl::serve_requests(Stream& stream, const std::string& peer, bool secure) {
  beast::flat_buffer buffer;
  bool first = true;
  while (!stopping) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(config.body_limit_bytes);
    parser.header_limit(kHeaderLimit);
    auto& socket_layer = beast::get_lowest_layer(stream);
    // A new connection must send its header promptly; a kept-alive one may idle longer.
    socket_layer.expires_after(first ? config.header_timeout : config.idle_timeout);
    first = false;
    auto [header_ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, kNoThrow);
    beast::error_code ec = header_ec;
    if (!ec && !parser.is_done()) {
      socket_layer.expires_after(config.header_timeout);
      auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
      ec = body_ec;
    }
    InFlight guard(in_flight);
    auto started = HttpPipeline::Clock::now();
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
      // The header was read (or partly read): keep what identifies the
      // request so the refusal carries its id, CORS headers and client.
      http::Request request = to_request(parser.release());
      bool too_large = ec == bhttp::error::body_limit;
      auto response = pipeline.reject(
          request, peer, secure, too_large ? Problem{413, "payload_too_large", "Payload too large",
                                       "The body exceeds " + std::to_string(config.body_limit_bytes) + " bytes.", {}}
                             : Problem{431, "headers_too_large", "Request header fields too large",
                                       "The request headers are too large.", {}});
      pipeline.finish(request, response, started);
      auto message = to_message(std::move(response), 11, false, false);
      socket_layer.expires_after(config.header_timeout);
      co_await bhttp::async_write(stream, message, kNoThrow);
      co_return;
    }
    if (ec) co_return;  // closed, timed out or malformed: nothing to answer

    auto message = parser.release();
    unsigned version = message.version();
    bool keep_alive = message.keep_alive();
    bool head_only = message.method() == bhttp::verb::head;
    http::Request request = to_request(std::move(message));

    auto prepared = pipeline.prepare(request, peer, secure);
    http::Response response;
    if (prepared.response) {
      response = std::move(*prepared.response);
    } else if (prepared.route->options.runs_on == RunsOn::worker_pool) {
      const Route* route = prepared.route;
      response = co_await asio::co_spawn(
          workers, [&]() -> asio::awaitable<http::Response> { co_return pipeline.run(*route, request); },
          asio::use_awaitable);
    } else {
      response = pipeline.run(*prepared.route, request);
    }
    pipeline.finish(request, response, started);

    keep_alive = keep_alive && !stopping;
    auto reply = to_message(std::move(response), version, keep_alive, head_only);
    socket_layer.expires_after(config.idle_timeout);
    auto [write_ec, written] = co_await bhttp::async_write(stream, reply, kNoThrow);
    if (write_ec || !keep_alive) co_return;
  }
}

template <class Stream>
asio::awaitable<void> HttpServer::Impl::serve(Stream stream, std::string peer, bool secure) {
  try {
    co_await serve_requests(stream, peer, secure);
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    } else {
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
      co_await stream.async_shutdown(kNoThrow);
    }
  } catch (const std::exception& e) {
    log::error("http", "connection failed", {{"error", e.what()}, {"client", peer}});
  }
}

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  while (!stopping) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), kNoThrow);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      log::warn("http", "accept failed", {{"error", ec.message()}});
      continue;
    }
    beast::error_code peer_ec;
    auto endpoint = socket.remote_endpoint(peer_ec);
    std::string peer = peer_ec ? std::string("unknown") : endpoint.address().to_string();
    auto executor = socket.get_executor();
    beast::tcp_stream stream(std::move(socket));
    if (tls) {
      asio::co_spawn(
          executor,
          [this, stream = std::move(stream), peer]() mutable -> asio::awaitable<void> {
            beast::ssl_stream<beast::tcp_stream> secure_stream(std::move(stream), *tls);
            beast::get_lowest_layer(secure_stream).expires_after(config.header_timeout);
            auto [handshake_ec] = co_await secure_stream.async_handshake(asio::ssl::stream_base::server, kNoThrow);
            if (handshake_ec) co_return;
            co_await serve(std::move(secure_stream), peer, true);
          },
          asio::detached);
    } else {
      asio::co_spawn(executor, serve(std::move(stream), peer, false), asio::detached);
    }
  }
}

// Stop accepting, wait for in-flight requests (bounded), then stop the loop.
asio::awaitable<void> HttpServer::Impl::drain_then_stop() {
  stopping = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  auto deadline = std::chrono::steady_clock::now() + config.shutdown_timeout;
  asio::steady_timer timer(io);
  while (in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kNoThrow);
  }
  if (in_flight.load() > 0) {
    log::warn("http", "shutdown timeout reached with requests in flight",
              {{"in_flight", static_cast<std::int64_t>(in_flight.load())}});
  }
  io.stop();
}

HttpServer::HttpServer(const KernelConfig& config, HttpPipeline& pipeline)
    : impl_(std::make_unique<Impl>(config, pipeline)) {}

HttpServer::~HttpServer() {
  impl_->workers.join();
}

Status HttpServer::listen() {
  auto& impl = *impl_;
  if (!impl.config.tls_cert.empty()) {
    try {
      impl.tls.emplace(asio::ssl::context::tls_server);
      impl.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                            asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                            asio::ssl::context::no_tlsv1_1);
      impl.tls->use_certificate_chain_file(impl.config.tls_cert);
      impl.tls->use_private_key_file(impl.config.tls_key, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      return Error{"tls_config", std::string("tls: cannot load certificate or key: ") + e.what()};
    }
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(impl.config.listen_host, ec);
  if (ec) {
    tcp::resolver resolver(impl.io);
    auto results = resolver.resolve(impl.config.listen_host, std::to_string(impl.config.listen_port), ec);
    if (ec || results.empty()) return Error{"listen_failed", "listen: cannot resolve " + impl.config.listen_host};
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, impl.config.listen_port);
  impl.acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl.acceptor.bind(endpoint, ec);
  if (!ec) impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{"listen_failed", "listen: cannot listen on " + impl.config.listen_host + ":" +
                                      std::to_string(impl.config.listen_port) + ": " + ec.message()};
  }
  impl.port = impl.acceptor.local_endpoint().port();
  return Ok{};
}

std::uint16_t HttpServer::port() const { return impl_->port; }

std::size_t HttpServer::in_flight() const { return impl_->in_flight.load(); }

void HttpServer::run(bool handle_signals) {
  auto& impl = *impl_;
  if (handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([&impl](const beast::error_code& ec, int signal) {
      if (ec) return;
      log::info("http", "signal received, draining", {{"signal", static_cast<std::int64_t>(signal)}});
      asio::co_spawn(impl.io, impl.drain_then_stop(), asio::detached);
    });
  }
  asio::co_spawn(impl.io, impl.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.config.io_threads; ++i) threads.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& thread : threads) thread.join();
  // Handlers still running on the pool reference requests owned by the
  // (now stopped) sessions: wait for them before anything is destroyed.
  impl.workers.join();
}

void HttpServer::stop() {
  asio::co_spawn(impl_->io, impl_->drain_then_stop(), asio::detached);
}

}  // namespace emporium::kernel
