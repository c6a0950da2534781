// Queuing notices and the delivery lifecycle against a real PostgreSQL,
// under the notification module's role.
#include <doctest/doctest.h>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/module_id.hpp"
#include "notification/src/notification_store.hpp"
#include "notification/src/notifier.hpp"
#include "notification/tests/notification_pgtest_db.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::notification;
using emporium::notification::pgtest::count;
using emporium::notification::pgtest::module;

namespace {

Notice welcome(const std::string& event_id) {
  return {event_id, "welcome", {}, Category::account, false, {"email", "in_app"}};
}

}  // namespace

TEST_CASE("a notice queues one delivery per channel, once per event even when redelivered") {
  kernel::Database db(testing::migrated_database("notification_queue"), 2);
  Recipient ann{"u1", "ann@example.com", "Ann <&>"};
  auto first = db.transact(module(), [&](kernel::Tx& tx) { return notify(tx, ann, welcome("e1")); });
  CHECK(first.size() == 2);
  auto again = db.transact(module(), [&](kernel::Tx& tx) { return notify(tx, ann, welcome("e1")); });
  CHECK(again.empty());
  CHECK(count(db, "SELECT count(*) FROM notification.deliveries") == 2);
  CHECK(count(db, "SELECT count(*) FROM notification.in_app WHERE user_id = 'u1'") == 1);
  CHECK(count(db, "SELECT count(*) FROM notification.deliveries WHERE channel = 'email' AND status = 'queued' "
                  "AND html_body LIKE '%Ann &lt;&amp;&gt;%' AND subject = 'Welcome to Emporium, Ann <&>'") == 1);
}

TEST_CASE("preferences switch channels and categories off, but not transactional notices") {
  kernel::Database db(testing::migrated_database("notification_prefs"), 2);
  Recipient bob{"u2", "bob@example.com", "Bob"};
  db.transact(module(), [&](kernel::Tx& tx) {
    Preferences off;
    off.email = false;
    NotificationStore(tx).save_preferences("u2", off);
  });
  auto queued = db.transact(module(), [&](kernel::Tx& tx) { return notify(tx, bob, welcome("e2")); });
  CHECK(queued.size() == 1);  // in-app only
  Notice reset{"e3", "password_reset", {{"reset_token", "tok"}, {"expires_at", "soon"}}, Category::account, true,
               {"email"}};
  auto reset_queued = db.transact(module(), [&](kernel::Tx& tx) { return notify(tx, bob, reset); });
  CHECK(reset_queued.size() == 1);
}

TEST_CASE("a template missing a variable fails its delivery, naming the variable") {
  kernel::Database db(testing::migrated_database("notification_missing"), 2);
  Recipient cy{"u3", "cy@example.com", "Cy"};
  Notice reset{"e4", "password_reset", {{"expires_at", "soon"}}, Category::account, true, {"email"}};
  db.transact(module(), [&](kernel::Tx& tx) { notify(tx, cy, reset); });
  CHECK(count(db, "SELECT count(*) FROM notification.deliveries WHERE status = 'failed' "
                  "AND last_error LIKE '%reset_token%'") == 1);
}

TEST_CASE("claiming counts the attempt and leases the row; failures back off, then stay failed; retry requeues") {
  kernel::Database db(testing::migrated_database("notification_claim"), 2);
  Recipient di{"u4", "di@example.com", "Di"};
  Notice email_only{"e5", "welcome", {}, Category::account, false, {"email"}};
  db.transact(module(), [&](kernel::Tx& tx) { notify(tx, di, email_only); });
  auto claim = [&] { return db.transact(module(), [&](kernel::Tx& tx) { return NotificationStore(tx).claim_due(60000, 8); }); };
  auto record = [&](const DeliveryOutcome& outcome) {
    db.transact(module(), [&](kernel::Tx& tx) { NotificationStore(tx).record({outcome}); });
  };
  auto claimed = claim();
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].attempts == 1);
  // Leased: not due again until the lease ends (a crash mid-send retries later).
  CHECK(claim().empty());
  record({claimed[0].id, "queued", "down", 0});
  auto second = claim();
  REQUIRE(second.size() == 1);
  CHECK(second[0].attempts == 2);
  record({second[0].id, "failed", "gone", 0});
  CHECK(claim().empty());
  CHECK(db.transact(module(), [&](kernel::Tx& tx) { return NotificationStore(tx).retry(second[0].id); }));
  auto third = claim();
  REQUIRE(third.size() == 1);
  CHECK(third[0].attempts == 1);
  record({third[0].id, "sent", "", 0});
  auto sent = db.transact(module(), [&](kernel::Tx& tx) { return NotificationStore(tx).find_delivery(third[0].id); });
  CHECK(sent->status == "sent");
  CHECK_FALSE(sent->sent_at.empty());
}
