#include "delivery_worker.hpp"

#include <random>

#include "emporium/kernel/log.hpp"
#include "notification_store.hpp"

namespace emporium::notification {
namespace {

double unit_random() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

}  // namespace

DeliveryWorker::DeliveryWorker(kernel::Database& db, const kernel::ModuleId& module, NotificationConfig config,
                               std::unique_ptr<Channel> email, std::unique_ptr<Channel> sms)
    : db_(db), module_(module), config_(std::move(config)), email_(std::move(email)), sms_(std::move(sms)) {}

DeliveryWorker::~DeliveryWorker() { stop(); }

void DeliveryWorker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void DeliveryWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_all();
}

bool DeliveryWorker::run_once() {
  // The lease: how long a claimed delivery waits before another attempt if
  // this process dies mid-send. Longer than any send can take.
  std::int64_t lease_ms = 2 * config_.smtp_timeout.count() + 1000;
  auto claimed = db_.transact(module_, [&](kernel::Tx& tx) { return NotificationStore(tx).claim_due(lease_ms); });
  if (!claimed) return false;
  Channel* channel = claimed->channel == "email" ? email_.get() : claimed->channel == "sms" ? sms_.get() : nullptr;
  SendOutcome outcome;
  if (channel == nullptr) {
    outcome = {false, "no sender for channel " + claimed->channel};
  } else {
    try {
      outcome = channel->send({claimed->id, claimed->recipient, claimed->subject, claimed->text_body,
                               claimed->html_body});
    } catch (const std::exception& error) {
      outcome = {false, error.what()};
    }
  }
  bool final = claimed->attempts >= config_.retry.max_attempts;
  auto delay = kernel::retry_delay(config_.retry, claimed->attempts, unit_random()).count();
  db_.transact(module_, [&](kernel::Tx& tx) {
    NotificationStore store(tx);
    if (outcome.sent) store.mark_sent(claimed->id); else store.mark_failed(claimed->id, outcome.error, final, delay);
  });
  if (outcome.sent) {
    kernel::log::info("notification", "delivery sent",
                      {{"delivery", claimed->id}, {"channel", claimed->channel}, {"attempt", static_cast<std::int64_t>(claimed->attempts)}});
  } else {
    kernel::log::warn("notification", final ? "delivery failed for good" : "delivery failed, will retry",
                      {{"delivery", claimed->id}, {"error", outcome.error}, {"attempt", static_cast<std::int64_t>(claimed->attempts)}});
  }
  return true;
}

void DeliveryWorker::loop() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    bool busy = false;
    try {
      busy = run_once();
    } catch (const std::exception& error) {
      kernel::log::error("notification", "delivery worker error", {{"error", std::string(error.what())}});
    }
    if (busy) continue;
    std::unique_lock lock(mutex_);
    wakeup_.wait_for(lock, config_.poll_interval, [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

}  // namespace emporium::notification
