// The delivery worker's batches against a real PostgreSQL: one unit of work
// claims many due deliveries, another records all their outcomes.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"
#include "notification/src/channels.hpp"
#include "notification/src/delivery_worker.hpp"
#include "notification/src/notification_store.hpp"
#include "notification/tests/notification_pgtest_db.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::notification;
using emporium::notification::pgtest::count;
using emporium::notification::pgtest::module;
using namespace std::chrono_literals;

namespace {

void execute(kernel::Database& db, const std::string& statement) {
  db.transact(module(), [&](kernel::Tx& tx) { tx.sql() << statement; });
}

// `n` queued emails, one event each; their ids in the order queued.
std::vector<std::string> queue_emails(kernel::Database& db, int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    auto suffix = std::to_string(i);
    NewDelivery email{"event-" + suffix, "user-" + suffix, "email", "welcome", "u" + suffix + "@example.com",
                      "Welcome", "Hello", "<p>Hello</p>", ""};
    ids.push_back(*db.transact(module(), [&](kernel::Tx& tx) { return NotificationStore(tx).queue(email); }));
  }
  return ids;
}

std::vector<Delivery> claim(kernel::Database& db, int limit) {
  return db.transact(module(), [&](kernel::Tx& tx) { return NotificationStore(tx).claim_due(60000, limit); });
}

std::vector<std::string> ids_of(const std::vector<Delivery>& deliveries) {
  std::vector<std::string> ids;
  for (const auto& d : deliveries) ids.push_back(d.id);
  return ids;
}

Delivery delivery(kernel::Database& db, const std::string& id) {
  return *db.transact(module(), [&](kernel::Tx& tx) { return NotificationStore(tx).find_delivery(id); });
}

NotificationConfig file_mailer_config(const std::filesystem::path& data_dir) {
  NotificationConfig config;
  config.data_dir = data_dir.string();
  config.mail_from = "shop@example.com";
  return config;
}

// A channel as slow as an SMTP server near its timeout.
class SlowChannel final : public Channel {
 public:
  explicit SlowChannel(std::chrono::milliseconds pause) : pause_(pause) {}
  SendOutcome send(const Outgoing&) override {
    std::this_thread::sleep_for(pause_);
    ++sends;
    return {true, {}};
  }
  std::atomic<int> sends{0};

 private:
  std::chrono::milliseconds pause_;
};

}  // namespace

TEST_CASE("a batch claim takes each due delivery once, longest due first, up to its limit, and not those not yet due") {
  kernel::Database db(testing::migrated_database("notification_batch_claim"), 2);
  auto ids = queue_emails(db, 5);
  execute(db, "UPDATE notification.deliveries SET next_attempt_at = now() - interval '1 minute' WHERE id = '" + ids[0] + "'");
  execute(db, "UPDATE notification.deliveries SET next_attempt_at = now() - interval '3 minutes' WHERE id = '" + ids[1] + "'");
  execute(db, "UPDATE notification.deliveries SET next_attempt_at = now() - interval '2 minutes' WHERE id = '" + ids[2] + "'");
  execute(db, "UPDATE notification.deliveries SET next_attempt_at = now() + interval '1 hour' "
              "WHERE id IN ('" + ids[3] + "', '" + ids[4] + "')");

  auto first = claim(db, 2);
  CHECK(ids_of(first) == std::vector<std::string>{ids[1], ids[2]});
  auto second = claim(db, 32);
  CHECK(ids_of(second) == std::vector<std::string>{ids[0]});
  CHECK(claim(db, 32).empty());
  for (const auto& d : first) CHECK(d.attempts == 1);
  CHECK(second[0].attempts == 1);
  CHECK(count(db, "SELECT count(*) FROM notification.deliveries WHERE attempts = 0 AND status = 'queued' "
                  "AND next_attempt_at > now() + interval '59 minutes'") == 2);
}

TEST_CASE("two claims in concurrent transactions never take the same delivery") {
  kernel::Database db(testing::migrated_database("notification_batch_race"), 2);
  auto ids = queue_emails(db, 6);
  std::mutex mutex;
  std::condition_variable both_claimed;
  int claimed_so_far = 0;
  bool overlapped = true;
  // Each holds its claim uncommitted until the other has claimed too.
  auto claim_and_hold = [&] {
    return db.transact(module(), [&](kernel::Tx& tx) {
      auto claimed = NotificationStore(tx).claim_due(60000, 4);
      std::unique_lock lock(mutex);
      ++claimed_so_far;
      both_claimed.notify_all();
      if (!both_claimed.wait_for(lock, 10s, [&] { return claimed_so_far == 2; })) overlapped = false;
      return claimed;
    });
  };
  std::vector<Delivery> a, b;
  std::thread first([&] { a = claim_and_hold(); });
  std::thread second([&] { b = claim_and_hold(); });
  first.join();
  second.join();
  CHECK(overlapped);
  CHECK(a.size() + b.size() == 6);
  std::set<std::string> distinct;
  for (const auto& d : a) distinct.insert(d.id);
  for (const auto& d : b) distinct.insert(d.id);
  CHECK(distinct == std::set<std::string>(ids.begin(), ids.end()));
}

TEST_CASE("recording a mixed batch leaves each delivery with its own status, error and next attempt") {
  kernel::Database db(testing::migrated_database("notification_batch_record"), 2);
  auto ids = queue_emails(db, 4);
  execute(db, "UPDATE notification.deliveries SET last_error = 'earlier'");
  REQUIRE(claim(db, 32).size() == 4);
  db.transact(module(), [&](kernel::Tx& tx) {
    NotificationStore(tx).record({{ids[0], "sent", "", 0},
                                  {ids[1], "queued", "timeout", 60000},
                                  {ids[2], "failed", "mailbox gone", 0},
                                  {ids[3], "queued", "", 0, false}});
  });

  auto sent = delivery(db, ids[0]);
  CHECK(sent.status == "sent");
  CHECK(sent.last_error.empty());
  CHECK_FALSE(sent.sent_at.empty());
  CHECK(sent.attempts == 1);

  auto retried = delivery(db, ids[1]);
  CHECK(retried.status == "queued");
  CHECK(retried.last_error == "timeout");
  CHECK(retried.attempts == 1);
  CHECK(retried.sent_at.empty());
  CHECK(count(db, "SELECT count(*) FROM notification.deliveries WHERE id = '" + ids[1] +
                  "' AND next_attempt_at BETWEEN now() + interval '50 seconds' AND now() + interval '61 seconds'") == 1);

  auto failed = delivery(db, ids[2]);
  CHECK(failed.status == "failed");
  CHECK(failed.last_error == "mailbox gone");
  CHECK(failed.attempts == 1);
  CHECK(failed.sent_at.empty());

  // Handed back unsent: due now, its attempt not counted, its last error kept.
  auto handed_back = delivery(db, ids[3]);
  CHECK(handed_back.status == "queued");
  CHECK(handed_back.attempts == 0);
  CHECK(handed_back.last_error == "earlier");
  CHECK(ids_of(claim(db, 32)) == std::vector<std::string>{ids[3]});
}

TEST_CASE("a worker run sends a batch of queued emails to .eml files, one each, and marks them all sent") {
  kernel::Database db(testing::migrated_database("notification_batch_run"), 2);
  testing::TempDir data_dir;
  auto config = file_mailer_config(data_dir.path());
  DeliveryWorker worker(db, module(), config, make_email_channel(config), make_dev_sms_provider(config.data_dir));
  const int queued = DeliveryWorker::kClaimBatch + 3;
  auto ids = queue_emails(db, queued);

  CHECK(worker.run_once());
  CHECK(count(db, "SELECT count(*) FROM notification.deliveries WHERE status = 'sent'") == DeliveryWorker::kClaimBatch);
  CHECK(worker.run_once());
  CHECK_FALSE(worker.run_once());

  CHECK(count(db, "SELECT count(*) FROM notification.deliveries WHERE status = 'sent' AND attempts = 1 "
                  "AND sent_at IS NOT NULL AND last_error = ''") == queued);
  std::multiset<std::string> written;
  for (const auto& file : std::filesystem::directory_iterator(data_dir.path() / "mail")) {
    auto name = file.path().filename().string();
    REQUIRE(name.size() > 40);
    CHECK(name.ends_with(".eml"));
    written.insert(name.substr(name.size() - 40, 36));  // <time>-<delivery id>.eml
  }
  CHECK(written == std::multiset<std::string>(ids.begin(), ids.end()));
}

TEST_CASE("a worker run hands back unsent what it cannot start within the send window, its attempt not counted") {
  kernel::Database db(testing::migrated_database("notification_batch_window"), 2);
  testing::TempDir data_dir;
  auto config = file_mailer_config(data_dir.path());
  config.smtp_timeout = 50ms;
  auto slow = std::make_unique<SlowChannel>(80ms);
  auto& channel = *slow;
  DeliveryWorker worker(db, module(), config, std::move(slow), make_dev_sms_provider(config.data_dir));
  auto ids = queue_emails(db, 3);

  CHECK(worker.run_once());
  CHECK(channel.sends == 1);
  CHECK(delivery(db, ids[0]).status == "sent");
  for (const auto& id : {ids[1], ids[2]}) {
    auto d = delivery(db, id);
    CHECK(d.status == "queued");
    CHECK(d.attempts == 0);
  }
}
