#include "emporium/kernel/cache_feed.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "emporium/kernel/log.hpp"

namespace emporium::kernel {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kReconnectMin{200};
constexpr milliseconds kReconnectMax{5000};

std::string last_error(PGconn* conn) {
  std::string text = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

PGconn* open_listener(const std::string& connection_string, const std::string& channel, std::string_view log_module) {
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", connection_string.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    log::warn(log_module, "cannot open the cache invalidation connection", {{"error", last_error(conn)}});
    if (conn != nullptr) PQfinish(conn);
    return nullptr;
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* result = PQexec(conn, ("LISTEN " + channel).c_str());
  const bool listening = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  if (!listening) {
    log::warn(log_module, "LISTEN for cache invalidation failed", {{"error", last_error(conn)}});
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

int poll_timeout(milliseconds wait) { return static_cast<int>(std::clamp<long long>(wait.count(), 0, 60000)); }

}  // namespace

void notify_cache_change(Tx& tx, std::string_view channel, std::string message) {
  // PostgreSQL delivers it at COMMIT; nothing waits for its answer.
  tx.defer("SELECT pg_notify($1, $2)", {std::string(channel), std::move(message)});
}

CacheFeedListener::CacheFeedListener(std::string connection_string, std::string channel, FeedCache& cache,
                                     std::string log_module)
    : connection_string_(std::move(connection_string)),
      channel_(std::move(channel)),
      cache_(cache),
      log_module_(std::move(log_module)) {}

CacheFeedListener::~CacheFeedListener() { stop(); }

void CacheFeedListener::start() {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  thread_ = std::thread([this] { run(); });
}

void CacheFeedListener::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  ::close(wake_fd_);
  wake_fd_ = -1;
}

void CacheFeedListener::run() {
  PGconn* conn = nullptr;
  milliseconds reconnect_delay = kReconnectMin;
  Clock::time_point next_connect{}, next_ping{}, ping_sent{};
  bool ping_in_flight = false;
  const auto drop_connection = [&](std::string_view why) {
    log::warn(log_module_, "the cache invalidation connection broke; reading through until it is back",
                      {{"error", why}});
    cache_.trust_until({});
    PQfinish(conn);
    conn = nullptr;
    ping_in_flight = false;
    next_connect = Clock::now() + reconnect_delay;
  };
  const auto apply_notifications = [&] {
    while (PGnotify* notification = PQnotifies(conn)) {
      cache_.apply(notification->extra);
      PQfreemem(notification);
    }
  };

  while (!stopping_) {
    auto now = Clock::now();
    if (conn == nullptr && now >= next_connect) {
      conn = open_listener(connection_string_, channel_, log_module_);
      if (conn != nullptr) {
        // Whatever changed while nobody listened is unknown: start empty.
        cache_.forget_all();
        reconnect_delay = kReconnectMin;
        next_ping = now;
      } else {
        next_connect = now + reconnect_delay;
        reconnect_delay = std::min(reconnect_delay * 2, kReconnectMax);
      }
    }
    if (conn != nullptr && !ping_in_flight && now >= next_ping) {
      if (PQsendQuery(conn, "SELECT 1") == 0) {
        drop_connection(last_error(conn));
        continue;
      }
      ping_sent = now;
      ping_in_flight = true;
    }

    auto wait = conn == nullptr ? std::chrono::duration_cast<milliseconds>(next_connect - now)
                : ping_in_flight ? std::chrono::duration_cast<milliseconds>(ping_sent + kTrustWindow - now)
                                 : std::chrono::duration_cast<milliseconds>(next_ping - now);
    pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {conn != nullptr ? PQsocket(conn) : -1, POLLIN, 0}};
    const int ready = ::poll(fds, 2, poll_timeout(wait));
    if (ready < 0 && errno != EINTR) {
      log::error(log_module_, "poll failed in the cache invalidation listener", {{"errno", std::int64_t{errno}}});
      break;
    }
    if (conn == nullptr) continue;
    if (fds[1].revents != 0) {
      if (PQconsumeInput(conn) == 0) {
        drop_connection(last_error(conn));
        continue;
      }
      apply_notifications();
      if (ping_in_flight && PQisBusy(conn) == 0) {
        bool answered = false;
        while (PGresult* result = PQgetResult(conn)) {
          answered = answered || PQresultStatus(result) == PGRES_TUPLES_OK;
          PQclear(result);
        }
        ping_in_flight = false;
        if (!answered) {
          drop_connection(last_error(conn));
          continue;
        }
        apply_notifications();
        cache_.trust_until(ping_sent + kTrustWindow);
        next_ping = ping_sent + kPingInterval;
      }
    }
    if (ping_in_flight && Clock::now() >= ping_sent + kTrustWindow) drop_connection("the server did not answer a ping");
  }
  if (conn != nullptr) PQfinish(conn);
}

}  // namespace emporium::kernel
