#pragma once
// Cache invalidation across instances. A change a module commits sends
// `NOTIFY <channel>, '<message>'` in its transaction (notify_cache_change);
// each instance LISTENs on a connection of its own and hands the message to
// its cache (CacheFeedListener).
//
// Staleness stays bounded: the listener pings the server every
// kPingInterval, and the cache is trusted only until one second after the
// last ping that was answered. PostgreSQL delivers the notifications of
// transactions that committed before a query ahead of that query's answer,
// so once a ping sent after a commit is answered, its invalidation has been
// applied. A broken connection stops the pings, the trust lapses and reads go
// to the database until the listener is back (and has emptied the cache).
#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>

#include "emporium/kernel/database.hpp"

namespace emporium::kernel {

// What a cache fed by a CacheFeedListener does with what the feed tells it.
// Called on the listener's thread.
class FeedCache {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~FeedCache() = default;
  // A message another unit of work sent with notify_cache_change.
  virtual void apply(std::string_view message) = 0;
  // The feed is known to be alive until `until`; a default time point: not alive.
  virtual void trust_until(Clock::time_point until) = 0;
  // The listener (re)connected: what changed while nobody listened is unknown.
  virtual void forget_all() = 0;
};

// Inside a unit of work: tells every instance listening on `channel` once it
// commits. Costs no round trip (Tx::defer).
void notify_cache_change(Tx& tx, std::string_view channel, std::string message);

class CacheFeedListener {
 public:
  static constexpr std::chrono::milliseconds kPingInterval{200};
  static constexpr std::chrono::milliseconds kTrustWindow{1000};

  // `log_module` names the module in the listener's log lines.
  CacheFeedListener(std::string connection_string, std::string channel, FeedCache& cache, std::string log_module);
  ~CacheFeedListener();
  CacheFeedListener(const CacheFeedListener&) = delete;
  CacheFeedListener& operator=(const CacheFeedListener&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::string connection_string_;
  std::string channel_;
  FeedCache& cache_;
  std::string log_module_;
  std::atomic<bool> stopping_{false};
  int wake_fd_ = -1;
  std::thread thread_;
};

}  // namespace emporium::kernel
