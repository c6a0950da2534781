#pragma once
// A background thread that drains one kind of due work in rounds: expired
// reservations, abandoned carts, sagas to repair, counters to flush. Each
// round calls `work_one` until it answers false, then sleeps `interval` (or
// until stop). Every instance of the shop runs its own; claims with SKIP
// LOCKED let them share the work without doing it twice.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace emporium::kernel {

class PeriodicJob {
 public:
  // work_one: does one item of due work, false when none is due. `name`
  // (e.g. "reservation expiry") and `module` label the log lines.
  PeriodicJob(std::string module, std::string name, std::function<bool()> work_one,
              std::chrono::milliseconds interval)
      : module_(std::move(module)), name_(std::move(name)), work_one_(std::move(work_one)), interval_(interval) {}
  ~PeriodicJob() { stop(); }
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

  void start();
  // Waits for a round in progress to finish its current item.
  void stop();

 private:
  void run();

  std::string module_;
  std::string name_;
  std::function<bool()> work_one_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace emporium::kernel
