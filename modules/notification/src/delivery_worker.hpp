#pragma once
// Sends queued deliveries in batches: one unit of work claims up to
// kClaimBatch due rows (SKIP LOCKED, so several instances share the work) and
// counts their attempt, each is sent outside any transaction, and one more
// unit of work records all the outcomes: two commits per batch, not per email.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "channels.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"
#include "notification_config.hpp"
#include "notification_store.hpp"

namespace emporium::notification {

class DeliveryWorker {
 public:
  // Emails per unit of work: enough to share two commits among the notices of
  // many checkouts, few enough that a batch sends well within its lease.
  static constexpr int kClaimBatch = 32;

  DeliveryWorker(kernel::Database& db, const kernel::ModuleId& module, NotificationConfig config,
                 std::unique_ptr<Channel> email, std::unique_ptr<Channel> sms);
  ~DeliveryWorker();

  void start();
  void stop();
  // Wakes the worker now (a new delivery was queued).
  void wake();
  // Sends one batch of due deliveries; false when none was due.
  bool run_once();

 private:
  void loop();
  SendOutcome send(const Delivery& delivery);
  DeliveryOutcome outcome_of(const Delivery& delivery, const SendOutcome& sent) const;

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
