#include "payment_service.hpp"

#include "cards.hpp"
#include "emporium/kernel/async_commits.hpp"
#include "emporium/kernel/log.hpp"
#include "emporium/kernel/money.hpp"
#include "emporium/payment/events.hpp"
#include "payment_events.hpp"
#include "payment_module_id.hpp"
#include "payment_store.hpp"
#include "refund_rules.hpp"

namespace emporium::payment {
namespace {

const kernel::ModuleId& module() { return payment_module_id(); }

// A provider outside this database acts at once on what it is told, so the
// asynchronous commits that led up to the call must be on disk before it
// (kernel/async_commits.hpp); one that records in this database is
// recovered together with them.
PaymentProvider& ready_to_call(PaymentProvider& provider) {
  if (!provider.records_in_our_database()) kernel::flush_async_commits();
  return provider;
}

kernel::Error not_found() { return {"not_found", "No such payment."}; }

kernel::Error invalid_state(const StoredPayment& p, const std::string& action) {
  return {"invalid_payment_state", "A payment that is " + p.status + " cannot be " + action + "."};
}

// The answer of charge() for a payment that is settled or still pending.
kernel::Result<PaymentSummary> charge_answer(const StoredPayment& p) {
  if (p.status != "failed") return PaymentSummary(p);
  if (p.failure_code == "insufficient_funds") {
    return kernel::Error{"insufficient_funds", "The card has insufficient funds."};
  }
  return kernel::Error{"payment_declined", "The card was declined."};
}

void transition(PaymentStore& store, StoredPayment& p, const std::string& status, std::int64_t amount,
                const std::string& note) {
  p.status = status;
  store.update(p);
  store.add_history(p.id, status, amount, note);
}

// Applies the provider's answer to a payment that is still pending.
void settle(kernel::Tx& tx, PaymentStore& store, StoredPayment& p, const ProviderCharge& charge,
            PaymentMetrics& metrics, const std::string& note) {
  if (p.status != "pending") return;
  if (!charge.reference.empty()) p.provider_reference = charge.reference;
  if (charge.outcome == "captured") {
    p.captured_minor = p.amount_minor;
    transition(store, p, "captured", p.amount_minor, note);
    tx.publish(events::kCaptured, events::kVersion, settled_payload(p));
    metrics.captured.increment();
    metrics.captured_minor.increment(static_cast<double>(p.amount_minor));
  } else if (charge.outcome == "authorized") {
    transition(store, p, "authorized", p.amount_minor, note);
    tx.publish(events::kAuthorized, events::kVersion, settled_payload(p));
  } else if (charge.outcome == "declined" || charge.outcome == "insufficient_funds") {
    p.failure_code = charge.outcome == "declined" ? "card_declined" : "insufficient_funds";
    transition(store, p, "failed", 0, note + ": " + p.failure_code);
    tx.publish(events::kFailed, events::kVersion, failed_payload(p));
    metrics.failed.increment();
  } else if (charge.outcome == "voided") {
    transition(store, p, "voided", 0, note + ": voided before the provider charged");
    tx.publish(events::kVoided, events::kVersion, voided_payload(p));
  } else {
    // Still pending at the provider: keep its reference, wait for its webhook.
    store.update(p);
  }
}

// Refunds `amount` (the rest when absent) of a locked payment. `provider`
// null: the provider already refunded (it told us by webhook).
kernel::Result<RefundRecord> refund_locked(kernel::Tx& tx, PaymentStore& store, StoredPayment& p,
                                           std::optional<std::int64_t> amount, const std::string& request_key,
                                           PaymentProvider* provider, PaymentMetrics& metrics) {
  if (auto done = store.refund_by_key(p.id, request_key)) return *done;
  if (!refundable_status(p.status)) return invalid_state(p, "refunded");
  auto to_refund = refund_amount(p.captured_minor, p.refunded_minor, amount);
  if (!to_refund) return to_refund.error();
  if (provider) {
    auto refunded = ready_to_call(*provider).refund(p.order_id, p.id + ":refund:" + request_key, *to_refund);
    if (!refunded) return refunded.error();
  }
  auto refund = store.insert_refund(p.id, *to_refund, request_key);
  p.refunded_minor += *to_refund;
  transition(store, p, status_after_refund(p.captured_minor, p.refunded_minor), *to_refund,
             "refund " + refund.id);
  tx.publish(events::kRefunded, events::kVersion, refunded_payload(p, refund));
  metrics.refunds.increment();
  metrics.refunded_minor.increment(static_cast<double>(*to_refund));
  return refund;
}

void void_locked(kernel::Tx& tx, PaymentStore& store, StoredPayment& p, const std::string& note) {
  transition(store, p, "voided", p.amount_minor, note);
  tx.publish(events::kVoided, events::kVersion, voided_payload(p));
}

}  // namespace

PaymentService::PaymentService(kernel::Database& db, kernel::Metrics& metrics,
                               std::vector<std::shared_ptr<PaymentProvider>> providers,
                               std::chrono::milliseconds abandoned_after)
    : db_(db), metrics_(metrics), providers_(std::move(providers)), abandoned_after_(abandoned_after) {}

PaymentProvider* PaymentService::provider(const std::string& name) const {
  for (const auto& p : providers_) {
    if (p->name() == name) return p.get();
  }
  return nullptr;
}

kernel::Result<PaymentSummary> PaymentService::charge(const ChargeRequest& request) {
  if (request.order_id.empty()) return kernel::Error{"invalid_charge", "A charge needs an order id."};
  if (request.amount_minor <= 0 || request.amount_minor > kernel::kMaxAmountMinor) {
    return kernel::Error{"invalid_amount", "A charge must be a positive amount."};
  }
  if (!card_errors(request.card).empty()) return kernel::Error{"invalid_card", "The card details are not valid."};
  PaymentProvider& provider = *providers_.front();
  std::string digits = card_digits(request.card.number);

  auto existing = db_.transact(module(), [&](kernel::Tx& tx) {
    PaymentStore store(tx);
    store.insert_pending(request, provider.name(), card_brand(digits), card_last4(digits));
    tx.commit_with_next_statement();
    return *store.by_order(request.order_id);
  });
  if (existing.status != "pending") return charge_answer(existing);

  // The provider is idempotent by key: a retry after a crash or timeout
  // gets the first charge's answer, never a second charge.
  PaymentProvider* owner = this->provider(existing.provider);
  auto answer = ready_to_call(owner ? *owner : provider)
                    .authorize({request.order_id, existing.amount_minor, existing.currency, &request.card,
                                existing.capture_requested});
  auto settled = db_.transact(module(), [&](kernel::Tx& tx) {
    PaymentStore store(tx);
    auto p = *store.by_order(request.order_id, true);
    settle(tx, store, p, answer, metrics_, "charge");
    return p;
  });
  if (settled.status == "failed") {
    kernel::log::info("payment", "charge declined", {{"payment_id", settled.id}, {"failure_code", settled.failure_code}});
  }
  return charge_answer(settled);
}

std::optional<StoredPayment> PaymentService::resolve_pending(const std::string& order_id) {
  auto found = db_.transact(module(), [&](kernel::Tx& tx) { return PaymentStore(tx).by_order(order_id); });
  if (!found || found->status != "pending") return found;
  PaymentProvider* owner = provider(found->provider);
  if (!owner) return found;
  auto answer = owner->lookup(order_id);
  if (!answer) {
    // The provider never saw the charge. Still running somewhere, or lost
    // in a crash before the call: once it is older than any request could
    // be, void the key at the provider so a late call charges nothing.
    bool abandoned = db_.transact(module(), [&](kernel::Tx& tx) {
      return PaymentStore(tx).pending_for_longer_than(order_id, abandoned_after_);
    });
    if (!abandoned || !ready_to_call(*owner).void_authorization(order_id)) return found;
    answer = owner->lookup(order_id);
  }
  if (!answer || answer->outcome == "pending") return found;
  return db_.transact(module(), [&](kernel::Tx& tx) {
    PaymentStore store(tx);
    auto p = *store.by_order(order_id, true);
    settle(tx, store, p, *answer, metrics_, "resolved with the provider");
    return std::optional<StoredPayment>(p);
  });
}

std::optional<PaymentSummary> PaymentService::for_order(const std::string& order_id) {
  auto found = resolve_pending(order_id);
  if (!found) return std::nullopt;
  return PaymentSummary(*found);
}

kernel::Result<std::optional<PaymentSummary>> PaymentService::cancel_for_order(const std::string& order_id) {
  if (!resolve_pending(order_id)) return std::optional<PaymentSummary>();
  return db_.transact(module(), [&](kernel::Tx& tx) -> kernel::Result<std::optional<PaymentSummary>> {
    PaymentStore store(tx);
    auto p = *store.by_order(order_id, true);
    PaymentProvider* owner = provider(p.provider);
    if (p.status == "authorized" || p.status == "pending") {
      if (owner) {
        auto voided = ready_to_call(*owner).void_authorization(order_id);
        if (!voided) {
          tx.rollback_only();
          return voided.error();
        }
      }
      void_locked(tx, store, p, "order cancelled");
    } else if (refundable_status(p.status) && p.captured_minor > p.refunded_minor) {
      auto refunded = refund_locked(tx, store, p, std::nullopt, "order-cancelled", owner, metrics_);
      if (!refunded) {
        tx.rollback_only();
        return refunded.error();
      }
    }
    return std::optional<PaymentSummary>(p);
  });
}

PaymentDetails PaymentService::details(const std::string& payment_id) {
  return db_.transact(module(), [&](kernel::Tx& tx) {
    PaymentStore store(tx);
    return PaymentDetails{*store.by_id(payment_id), store.refunds(payment_id)};
  });
}

std::vector<PaymentDetails> PaymentService::order_payments(const std::string& order_id) {
  auto found = resolve_pending(order_id);
  if (!found) return {};
  return {details(found->id)};
}

std::vector<StoredPayment> PaymentService::customer_payments(const std::string& customer_id) {
  return db_.transact(module(), [&](kernel::Tx& tx) { return PaymentStore(tx).for_customer(customer_id); });
}

kernel::Result<PaymentDetails> PaymentService::capture(const std::string& payment_id) {
  auto captured = db_.transact(module(), [&](kernel::Tx& tx) -> kernel::Status {
    PaymentStore store(tx);
    auto p = store.by_id(payment_id, true);
    if (!p) return not_found();
    if (p->status != "authorized") return invalid_state(*p, "captured");
    PaymentProvider* owner = provider(p->provider);
    if (!owner) return invalid_state(*p, "captured");
    if (auto done = ready_to_call(*owner).capture(p->order_id, p->amount_minor); !done) return done.error();
    p->captured_minor = p->amount_minor;
    transition(store, *p, "captured", p->amount_minor, "captured by an admin");
    tx.publish(events::kCaptured, events::kVersion, settled_payload(*p));
    metrics_.captured.increment();
    metrics_.captured_minor.increment(static_cast<double>(p->amount_minor));
    return kernel::Ok{};
  });
  if (!captured) return captured.error();
  return details(payment_id);
}

kernel::Result<PaymentDetails> PaymentService::refund(const std::string& payment_id,
                                                      std::optional<std::int64_t> amount_minor,
                                                      const std::string& request_key) {
  auto refunded = db_.transact(module(), [&](kernel::Tx& tx) -> kernel::Status {
    PaymentStore store(tx);
    auto p = store.by_id(payment_id, true);
    if (!p) return not_found();
    auto refund = refund_locked(tx, store, *p, amount_minor, "admin:" + request_key, provider(p->provider), metrics_);
    if (!refund) {
      tx.rollback_only();
      return refund.error();
    }
    return kernel::Ok{};
  });
  if (!refunded) return refunded.error();
  return details(payment_id);
}

kernel::Result<PaymentDetails> PaymentService::apply_webhook(PaymentProvider& provider, const WebhookEvent& event) {
  auto applied = db_.transact(module(), [&](kernel::Tx& tx) -> kernel::Status {
    auto fail = [&tx](kernel::Error error) -> kernel::Status {
      tx.rollback_only();
      return error;
    };
    PaymentStore store(tx);
    if (!store.record_webhook(event.id, provider.name(), event.type)) {
      return fail({"duplicate_webhook", "This webhook event was already received."});
    }
    auto p = store.by_id(event.payment_id, true);
    if (!p || p->provider != provider.name()) {
      return fail({"unknown_payment", "The event names no payment of this provider."});
    }
    if (event.type == "payment.succeeded") {
      if (p->status == "pending") {
        settle(tx, store, *p, {p->capture_requested ? "captured" : "authorized", "", "", ""}, metrics_, "webhook");
      } else if (p->status == "failed" || p->status == "voided") {
        return fail(invalid_state(*p, "marked succeeded"));
      }
    } else if (event.type == "payment.failed") {
      if (p->status == "pending") {
        settle(tx, store, *p, {"declined", "", "", ""}, metrics_, "webhook");
      } else if (p->status != "failed") {
        return fail(invalid_state(*p, "marked failed"));
      }
    } else {
      auto refund = refund_locked(tx, store, *p, event.amount_minor, "webhook:" + event.id, nullptr, metrics_);
      if (!refund) return fail(refund.error());
    }
    return kernel::Ok{};
  });
  if (!applied) return applied.error();
  return details(event.payment_id);
}

}  // namespace emporium::payment
