#include "delivery_worker.hpp"

#include <chrono>
#include <random>

#include "emporium/kernel/log.hpp"

namespace emporium::notification {
namespace {

double unit_random() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

void log_outcome(const Delivery& delivery, const DeliveryOutcome& outcome) {
  const auto attempt = static_cast<std::int64_t>(delivery.attempts);
  if (!outcome.attempted) {
    kernel::log::info("notification", "delivery handed back unsent, its lease running out",
                      {{"delivery", delivery.id}, {"channel", delivery.channel}});
  } else if (outcome.status == "sent") {
    kernel::log::info("notification", "delivery sent",
                      {{"delivery", delivery.id}, {"channel", delivery.channel}, {"attempt", attempt}});
  } else {
    kernel::log::warn("notification",
                      outcome.status == "failed" ? "delivery failed for good" : "delivery failed, will retry",
                      {{"delivery", delivery.id}, {"error", outcome.error}, {"attempt", attempt}});
  }
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
  // A send may start only within the first smtp_timeout after the claim. The
  // lease covers that window, the longest send started in it (twice the
  // timeout: connect, then transfer) and a second to record: no other worker
  // takes a row while this one may still be sending it.
  const auto send_window = config_.smtp_timeout;
  const std::int64_t lease_ms = 3 * config_.smtp_timeout.count() + 1000;
  const auto claimed_at = std::chrono::steady_clock::now();
  auto claimed = db_.transact(module_, [&](kernel::Tx& tx) {
    return NotificationStore(tx).claim_due(lease_ms, kClaimBatch);
  });
  if (claimed.empty()) return false;
  std::vector<DeliveryOutcome> outcomes;
  outcomes.reserve(claimed.size());
  for (const auto& delivery : claimed) {
    if (std::chrono::steady_clock::now() - claimed_at > send_window) {
      outcomes.push_back({delivery.id, "queued", "", 0, false});  // due again now, sent by the next batch
    } else {
      outcomes.push_back(outcome_of(delivery, send(delivery)));
    }
  }
  // A crash before this commits leaves the batch claimed: each row is sent
  // again when the lease ends (at least once).
  db_.transact(module_, [&](kernel::Tx& tx) { NotificationStore(tx).record(outcomes); });
  for (std::size_t i = 0; i < claimed.size(); ++i) log_outcome(claimed[i], outcomes[i]);
  return true;
}

SendOutcome DeliveryWorker::send(const Delivery& delivery) {
  Channel* channel = delivery.channel == "email" ? email_.get() : delivery.channel == "sms" ? sms_.get() : nullptr;
  if (channel == nullptr) return {false, "no sender for channel " + delivery.channel};
  try {
    return channel->send({delivery.id, delivery.recipient, delivery.subject, delivery.text_body, delivery.html_body});
  } catch (const std::exception& error) {
    return {false, error.what()};
  }
}

DeliveryOutcome DeliveryWorker::outcome_of(const Delivery& delivery, const SendOutcome& sent) const {
  if (sent.sent) return {delivery.id, "sent", "", 0, true};
  bool final = delivery.attempts >= config_.retry.max_attempts;
  auto delay = kernel::retry_delay(config_.retry, delivery.attempts, unit_random()).count();
  return {delivery.id, final ? "failed" : "queued", sent.error, delay, true};
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
