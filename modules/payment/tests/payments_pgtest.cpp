// Payments against a real PostgreSQL: idempotent charges, declines, crash
// recovery through the provider's ledger, refunds under concurrency, webhook
// replay, and no card data anywhere in the schema.
#include <doctest/doctest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "payment/src/payment_module_id.hpp"
#include "payment/src/payment_service.hpp"
#include "payment/src/payment_store.hpp"
#include "payment/src/test_provider.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::payment;

namespace {

constexpr const char* kGoodCard = "4242424242424242";
constexpr const char* kCvc = "7319";

struct PaymentFixture {
  explicit PaymentFixture(std::string_view prefix, std::size_t pool_size = 6)
      : db(emporium::testing::migrated_database(prefix), pool_size),
        provider(std::make_shared<TestProvider>(db, "whsec_test")),
        service(db, metrics, {provider}) {}

  static ChargeRequest request(const std::string& order_id, const std::string& number = kGoodCard,
                               bool capture = true) {
    ChargeRequest r;
    r.order_id = order_id;
    r.customer_id = "usr_alice";
    r.amount_minor = 10000;
    r.currency = "USD";
    r.card = {number, 12, 2030, kCvc};
    r.capture = capture;
    return r;
  }

  PaymentSummary charged(const std::string& order_id, const std::string& number = kGoodCard, bool capture = true) {
    auto result = service.charge(request(order_id, number, capture));
    if (!result) FAIL("charge failed: " << result.error().code);
    return result.value();
  }

  long long scalar(const std::string& query) {
    return db.transact(payment_module_id(), [&](kernel::Tx& tx) {
      long long value = 0;
      tx.sql() << query, soci::into(value);
      return value;
    });
  }

  long long events(const std::string& name) {
    return scalar("SELECT count(*) FROM payment.outbox WHERE name = '" + name + "'");
  }

  kernel::Database db;
  kernel::Metrics metrics;
  std::shared_ptr<TestProvider> provider;
  PaymentService service;
};

WebhookEvent webhook(std::string id, std::string type, std::string payment_id,
                     std::optional<std::int64_t> amount = std::nullopt) {
  return {std::move(id), std::move(type), std::move(payment_id), amount};
}

}  // namespace

TEST_CASE("payment: a charge is idempotent by order id: the retry returns the first payment, one charge, one event") {
  PaymentFixture f("payment_idem");
  auto first = f.charged("ord_1");
  CHECK(first.id.rfind("pay_", 0) == 0);
  CHECK(first.status == "captured");
  CHECK(first.brand == "visa");
  CHECK(first.last4 == "4242");
  CHECK(first.captured_minor == 10000);
  auto again = f.charged("ord_1");
  CHECK(again.id == first.id);
  CHECK(again.status == "captured");
  CHECK(f.scalar("SELECT count(*) FROM payment.payments") == 1);
  CHECK(f.scalar("SELECT count(*) FROM payment.test_provider_ledger") == 1);
  CHECK(f.events("payment.captured") == 1);
  CHECK(f.scalar("SELECT count(*) FROM payment.status_history") == 2);  // pending, captured
  auto found = f.service.for_order("ord_1");
  REQUIRE(found);
  CHECK(found->id == first.id);
  CHECK_FALSE(f.service.for_order("ord_none"));
}

TEST_CASE("payment: concurrent charges of one order charge once") {
  PaymentFixture f("payment_idem_race", 10);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      if (f.service.charge(PaymentFixture::request("ord_race"))) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 4);
  CHECK(f.scalar("SELECT count(*) FROM payment.test_provider_ledger") == 1);
  CHECK(f.events("payment.captured") == 1);
}

TEST_CASE("payment: a decline is recorded as a failed payment and answered with its error") {
  PaymentFixture f("payment_decline");
  auto declined = f.service.charge(PaymentFixture::request("ord_d", "4000000000000002"));
  REQUIRE_FALSE(declined);
  CHECK(declined.error().code == "payment_declined");
  auto poor = f.service.charge(PaymentFixture::request("ord_p", "4000000000009995"));
  REQUIRE_FALSE(poor);
  CHECK(poor.error().code == "insufficient_funds");
  auto d = f.service.for_order("ord_d");
  REQUIRE(d);
  CHECK(d->status == "failed");
  CHECK(d->failure_code == "card_declined");
  CHECK(f.service.for_order("ord_p")->failure_code == "insufficient_funds");
  CHECK(f.events("payment.failed") == 2);
  // The retry answers the same decline without asking again.
  CHECK(f.service.charge(PaymentFixture::request("ord_d", "4000000000000002")).error().code == "payment_declined");
  CHECK(f.events("payment.failed") == 2);
}

TEST_CASE("payment: authorize only, then an admin capture; a second capture is invalid_payment_state") {
  PaymentFixture f("payment_capture");
  auto authorized = f.charged("ord_a", kGoodCard, false);
  CHECK(authorized.status == "authorized");
  CHECK(authorized.captured_minor == 0);
  CHECK(f.events("payment.authorized") == 1);
  auto captured = f.service.capture(authorized.id);
  REQUIRE(captured);
  CHECK(captured->payment.status == "captured");
  CHECK(captured->payment.captured_minor == 10000);
  CHECK(f.events("payment.captured") == 1);
  CHECK(f.service.capture(authorized.id).error().code == "invalid_payment_state");
  CHECK(f.service.capture("pay_nope").error().code == "not_found");
}

TEST_CASE("payment: after a crash between the provider's charge and the row update, for_order resolves it") {
  PaymentFixture f("payment_recover");
  auto request = PaymentFixture::request("ord_crash");
  // The payment row written pending, the provider charged, then the crash.
  f.db.transact(payment_module_id(), [&](kernel::Tx& tx) {
    PaymentStore(tx).insert_pending(request, "test", "visa", "4242");
    // A second one for the same order is a no-op, history included.
    PaymentStore(tx).insert_pending(request, "test", "visa", "4242");
  });
  CHECK(f.scalar("SELECT count(*) FROM payment.status_history") == 1);
  auto charge = f.provider->authorize({"ord_crash", 10000, "USD", &request.card, true});
  CHECK(charge.outcome == "captured");
  CHECK(f.scalar("SELECT count(*) FROM payment.payments WHERE status = 'pending'") == 1);

  auto resolved = f.service.for_order("ord_crash");
  REQUIRE(resolved);
  CHECK(resolved->status == "captured");
  CHECK(resolved->captured_minor == 10000);
  CHECK(resolved->provider_reference == charge.reference);
  CHECK(f.events("payment.captured") == 1);
  // Asked again, nothing more happens.
  CHECK(f.service.for_order("ord_crash")->status == "captured");
  CHECK(f.events("payment.captured") == 1);
}

TEST_CASE("payment: a pending payment the provider never saw is charged once by the saga's retry") {
  PaymentFixture f("payment_recover_retry");
  auto request = PaymentFixture::request("ord_lost");
  f.db.transact(payment_module_id(), [&](kernel::Tx& tx) { PaymentStore(tx).insert_pending(request, "test", "visa", "4242"); });
  CHECK(f.service.for_order("ord_lost")->status == "pending");
  auto retried = f.service.charge(request);
  REQUIRE(retried);
  CHECK(retried->status == "captured");
  CHECK(f.scalar("SELECT count(*) FROM payment.test_provider_ledger") == 1);
}

TEST_CASE("payment: a pending charge the provider never saw is voided once abandoned; a late call charges nothing") {
  PaymentFixture f("payment_abandoned");
  auto request = PaymentFixture::request("ord_gone");
  f.db.transact(payment_module_id(), [&](kernel::Tx& tx) { PaymentStore(tx).insert_pending(request, "test", "visa", "4242"); });
  // Young: it may still be running, so it stays pending.
  CHECK(f.service.for_order("ord_gone")->status == "pending");
  f.db.transact(payment_module_id(), [](kernel::Tx& tx) {
    tx.sql() << "UPDATE payment.payments SET created_at = now() - interval '1 hour'";
  });
  auto resolved = f.service.for_order("ord_gone");
  REQUIRE(resolved);
  CHECK(resolved->status == "voided");
  CHECK(f.events("payment.voided") == 1);
  // The request that was still in flight reaches the provider now: no charge.
  auto late = f.provider->authorize({"ord_gone", 10000, "USD", &request.card, true});
  CHECK(late.outcome == "voided");
  auto retried = f.service.charge(request);
  REQUIRE(retried);
  CHECK(retried->status == "voided");
  CHECK(f.scalar("SELECT captured_minor FROM payment.test_provider_ledger WHERE idempotency_key = 'ord_gone'") == 0);
}

TEST_CASE("payment: two concurrent refunds of 60% each: exactly one wins") {
  PaymentFixture f("payment_refund_race", 10);
  auto paid = f.charged("ord_r");
  std::atomic<int> won{0}, exceeded{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      auto result = f.service.refund(paid.id, 6000, "key-" + std::to_string(i));
      if (result) {
        ++won;
      } else if (result.error().code == "refund_exceeds_captured") {
        ++exceeded;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(won == 1);
  CHECK(exceeded == 1);
  CHECK(other == 0);
  auto after = f.service.for_order("ord_r");
  CHECK(after->refunded_minor == 6000);
  CHECK(after->status == "partially_refunded");
  CHECK(f.scalar("SELECT count(*) FROM payment.refunds") == 1);
  CHECK(f.scalar("SELECT refunded_minor FROM payment.test_provider_ledger WHERE idempotency_key = 'ord_r'") == 6000);
  CHECK(f.events("payment.refunded") == 1);
}

TEST_CASE("payment: refunds add up to the capture; the same request key refunds once; the rest by default") {
  PaymentFixture f("payment_refunds");
  auto paid = f.charged("ord_s");
  auto first = f.service.refund(paid.id, 2500, "k1");
  REQUIRE(first);
  CHECK(first->payment.refunded_minor == 2500);
  auto repeated = f.service.refund(paid.id, 2500, "k1");
  REQUIRE(repeated);
  CHECK(repeated->payment.refunded_minor == 2500);
  CHECK(f.service.refund(paid.id, 7501, "k2").error().code == "refund_exceeds_captured");
  auto rest = f.service.refund(paid.id, std::nullopt, "k3");
  REQUIRE(rest);
  CHECK(rest->payment.status == "refunded");
  CHECK(rest->payment.refunded_minor == 10000);
  CHECK(rest->refunds.size() == 2);
  CHECK(f.service.refund(paid.id, 1, "k4").error().code == "invalid_payment_state");
  CHECK(f.events("payment.refunded") == 2);
}

TEST_CASE("payment: cancel_for_order voids an authorization and refunds the rest of a capture, once") {
  PaymentFixture f("payment_cancel");
  f.charged("ord_auth", kGoodCard, false);
  auto voided = f.service.cancel_for_order("ord_auth");
  REQUIRE(voided);
  CHECK(voided.value()->status == "voided");
  CHECK(f.events("payment.voided") == 1);

  auto paid = f.charged("ord_cap");
  REQUIRE(f.service.refund(paid.id, 1000, "partial"));
  auto cancelled = f.service.cancel_for_order("ord_cap");
  REQUIRE(cancelled);
  CHECK(cancelled.value()->status == "refunded");
  CHECK(cancelled.value()->refunded_minor == 10000);
  REQUIRE(f.service.cancel_for_order("ord_cap"));
  CHECK(f.service.cancel_for_order("ord_cap").value()->refunded_minor == 10000);
  CHECK(f.events("payment.refunded") == 2);
  auto none = f.service.cancel_for_order("ord_none");
  REQUIRE(none);
  CHECK_FALSE(none.value());
}

TEST_CASE("payment: a card needing confirmation stays pending until the webhook; a replayed event changes nothing") {
  PaymentFixture f("payment_webhook");
  auto pending = f.charged("ord_w", "4000000000003220");
  CHECK(pending.status == "pending");
  CHECK(f.service.for_order("ord_w")->status == "pending");

  auto applied = f.service.apply_webhook(*f.provider, webhook("evt_1", "payment.succeeded", pending.id));
  REQUIRE(applied);
  CHECK(applied->payment.status == "captured");
  CHECK(f.events("payment.captured") == 1);

  auto refund = f.service.apply_webhook(*f.provider, webhook("evt_2", "refund.succeeded", pending.id, 4000));
  REQUIRE(refund);
  CHECK(refund->payment.refunded_minor == 4000);
  auto replay = f.service.apply_webhook(*f.provider, webhook("evt_2", "refund.succeeded", pending.id, 4000));
  REQUIRE_FALSE(replay);
  CHECK(replay.error().code == "duplicate_webhook");
  CHECK(f.service.for_order("ord_w")->refunded_minor == 4000);
  CHECK(f.events("payment.refunded") == 1);

  // A refused event is not recorded: nothing changes, not even its id.
  auto too_much = f.service.apply_webhook(*f.provider, webhook("evt_3", "refund.succeeded", pending.id, 9000));
  CHECK(too_much.error().code == "refund_exceeds_captured");
  CHECK(f.scalar("SELECT count(*) FROM payment.webhook_events WHERE id = 'evt_3'") == 0);
  CHECK(f.service.apply_webhook(*f.provider, webhook("evt_4", "payment.failed", "pay_nope")).error().code ==
        "unknown_payment");
}

TEST_CASE("payment: a webhook payment.failed settles a pending payment as failed") {
  PaymentFixture f("payment_webhook_fail");
  auto pending = f.charged("ord_wf", "4000000000003220");
  auto failed = f.service.apply_webhook(*f.provider, webhook("evt_f", "payment.failed", pending.id));
  REQUIRE(failed);
  CHECK(failed->payment.status == "failed");
  CHECK(f.events("payment.failed") == 1);
  CHECK(f.service.apply_webhook(*f.provider, webhook("evt_g", "payment.succeeded", pending.id)).error().code ==
        "invalid_payment_state");
}

TEST_CASE("payment: no card number or CVC in any row of any payment table") {
  PaymentFixture f("payment_no_card");
  auto paid = f.charged("ord_c");
  REQUIRE(f.service.refund(paid.id, 100, "k"));
  CHECK_FALSE(f.service.charge(PaymentFixture::request("ord_c2", "4000000000000002")));
  f.charged("ord_c3", "5555555555554444", false);
  std::vector<std::string> tables = {"payments", "status_history", "refunds",  "webhook_events",
                                     "idempotency_keys", "test_provider_ledger", "outbox", "inbox"};
  std::string everything;
  std::size_t rows = 0;
  f.db.transact(payment_module_id(), [&](kernel::Tx& tx) {
    for (const auto& table : tables) {
      soci::rowset<std::string> texts = (tx.sql().prepare << "SELECT t::text FROM payment." + table + " t");
      for (const auto& text : texts) {
        everything += text + "\n";
        ++rows;
      }
    }
  });
  CHECK(rows >= 10);
  CHECK(everything.find("4242") != std::string::npos);  // last4 is kept: the scan sees the rows
  for (const char* number : {kGoodCard, "4000000000000002", "5555555555554444"}) {
    CHECK_MESSAGE(everything.find(number) == std::string::npos, "card number " << number << " stored");
  }
  std::regex cvc_token(std::string("(^|[(),\"{}: ])") + kCvc + "($|[(),\"{}: ])");
  CHECK_FALSE(std::regex_search(everything, cvc_token));
  CHECK(everything.find("cvc") == std::string::npos);
}
