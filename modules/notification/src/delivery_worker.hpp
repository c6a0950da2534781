#pragma once
// Sends queued deliveries: claims one due row (SKIP LOCKED, so several
// instances share the work), records the attempt, sends, records the result.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "channels.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"
#include "notification_config.hpp"

namespace emporium::notification {

class DeliveryWorker {
 public:
  DeliveryWorker(kernel::Database& db, const kernel::ModuleId& module, NotificationConfig config,
                 std::unique_ptr<Channel> email, std::unique_ptr<Channel> sms);
  ~DeliveryWorker();

  void start();
  void stop();
  // Wakes the worker now (a new delivery was queued).
  void wake();
  // Sends one due delivery; false when none was due.
  bool run_once();

 private:
  void loop();

  kernel::Database& db_;
  const kernel::ModuleId& module_;
  NotificationConfig config_;
  std::unique_ptr<Channel> email_;
  std::unique_ptr<Channel> sms_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace emporium::notification
