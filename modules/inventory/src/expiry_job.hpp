#pragma once
// The thread that gives back reservations whose time is up, so a crashed or
// abandoned checkout never holds stock for ever. Every instance of the shop
// runs one; claims use SKIP LOCKED, so they share the work without doing it twice.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace emporium::inventory {

class ExpiryJob {
 public:
  // expire_one: gives back one due reservation, false when none is due.
  ExpiryJob(std::function<bool()> expire_one, std::chrono::milliseconds interval)
      : expire_one_(std::move(expire_one)), interval_(interval) {}
  ~ExpiryJob() { stop(); }
  ExpiryJob(const ExpiryJob&) = delete;
  ExpiryJob& operator=(const ExpiryJob&) = delete;

  void start();
  // Waits for a round in progress to finish its current reservation.
  void stop();

 private:
  void run();

  std::function<bool()> expire_one_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace emporium::inventory
