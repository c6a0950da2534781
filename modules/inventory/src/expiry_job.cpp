#include "expiry_job.hpp"

#include <exception>

#include "emporium/kernel/log.hpp"

namespace emporium::inventory {

void ExpiryJob::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ExpiryJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ExpiryJob::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    std::int64_t expired = 0;
    try {
      while (expire_one_()) {
        ++expired;
        std::lock_guard check(mutex_);
        if (stopping_) break;
      }
    } catch (const std::exception& e) {
      // The database may be away for a moment; the next round tries again.
      kernel::log::warn("inventory", "reservation expiry failed", {{"error", std::string_view(e.what())}});
    }
    if (expired > 0) kernel::log::info("inventory", "expired reservations released", {{"count", expired}});
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace emporium::inventory
