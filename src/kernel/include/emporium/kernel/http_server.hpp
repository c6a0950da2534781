#pragma once
// The HTTP/1.1 server on Boost.Beast: one io_context served by `io_threads`
// threads, keep-alive, header/idle timeouts, body limit, optional TLS, and a
// worker pool for handlers that block. Asio and Beast stay inside its .cpp.
#include <cstdint>
#include <memory>

#include "emporium/kernel/http_pipeline.hpp"
#include "emporium/kernel/kernel_config.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::kernel {

class HttpServer {
 public:
  HttpServer(const KernelConfig& config, HttpPipeline& pipeline);
  ~HttpServer();

  // Binds the listening socket (port 0 picks a free port).
  Status listen();
  std::uint16_t port() const;

  // Serves until stop() or, with handle_signals, SIGTERM/SIGINT. Then stops
  // accepting, lets in-flight requests finish (up to shutdown_timeout) and
  // returns.
  void run(bool handle_signals);
  void stop();  // thread-safe
  std::size_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emporium::kernel
