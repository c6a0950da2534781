#include "emporium/kernel/periodic_job.hpp"

#include <cstdint>
#include <exception>

#include "emporium/kernel/log.hpp"

namespace emporium::kernel {

void PeriodicJob::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void PeriodicJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicJob::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    std::int64_t done = 0;
    try {
      while (work_one_()) {
        ++done;
        std::lock_guard check(mutex_);
        if (stopping_) break;
      }
    } catch (const std::exception& e) {
      // The database may be away for a moment; the next round tries again.
      log::warn(module_, name_ + " failed", {{"error", std::string_view(e.what())}});
    }
    if (done > 0) log::info(module_, name_ + " round done", {{"count", done}});
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace emporium::kernel
