#include "sales_model.hpp"

#include <stdexcept>
#include <utility>

#include "refund_split.hpp"
#include "sales_events.hpp"
#include "sales_store.hpp"

namespace emporium::analytics {
namespace {

std::vector<SaleFact> paid_facts(const OrderFacts& order) {
  std::vector<SaleFact> facts;
  for (const auto& line : order.lines) {
    facts.push_back({line.product_id, line.seller_id, line.name, line.line_total_minor, line.quantity});
  }
  return facts;
}

std::vector<SaleFact> refund_facts(const OrderFacts& order) {
  const auto share = product_share_of_refund(order.amount_minor, order.refunded_minor, order.subtotal_minor);
  std::vector<std::int64_t> weights;
  for (const auto& line : order.lines) weights.push_back(line.line_total_minor);
  const auto parts = split_by_weight(share, weights);
  std::vector<SaleFact> facts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == 0) continue;
    const auto& line = order.lines[i];
    facts.push_back({line.product_id, line.seller_id, line.name, -parts[i], 0});
  }
  return facts;
}

// What the order still counts for, taken off; when its payment has not been
// applied yet (delivered out of order), the whole order, which order.paid
// then balances.
std::vector<SaleFact> cancellation_facts(SalesStore& store, const OrderFacts& order) {
  std::vector<SaleFact> facts;
  auto net = store.net_of_order(order.order_id);
  if (net.empty()) {
    for (const auto& line : order.lines) {
      facts.push_back({line.product_id, line.seller_id, line.name, -line.line_total_minor, -line.quantity});
    }
    return facts;
  }
  for (const auto& product : net) {
    facts.push_back({product.product_id, product.seller_id, product.name, -product.revenue_minor, -product.units});
  }
  return facts;
}

}  // namespace

void apply_order_event(kernel::Tx& tx, const kernel::Event& event) { apply_order_events(tx, {event}); }

void apply_order_events(kernel::Tx& tx, const std::vector<kernel::Event>& events) {
  std::vector<OrderFacts> orders;
  for (const auto& event : events) {
    auto order = order_facts(event);
    if (!order) throw std::runtime_error(order.error().message);
    orders.push_back(std::move(order.value()));
  }
  SalesStore store(tx);
  const auto fresh = store.mark_applied(events);
  std::vector<EventFacts> written;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& event = events[i];
    const auto& order = orders[i];
    if (!fresh.contains(event.id)) continue;  // applied before: a replay
    EventFacts facts{event.id, "", order.order_id, order.currency, event.occurred_at, {}};
    if (event.name == kOrderPaid) {
      facts.kind = "paid";
      facts.facts = paid_facts(order);
    } else if (event.name == kOrderRefunded) {
      facts.kind = "refunded";
      facts.facts = refund_facts(order);
    } else if (event.name == kOrderCancelled) {
      // An unpaid order never counted; a paid one's refund is part of this
      // event (never a separate order.refunded).
      if (!order.was_paid) continue;
      facts.kind = "cancelled";
      facts.facts = cancellation_facts(store, order);
    } else {
      throw std::logic_error("analytics: not an order event: " + event.name);
    }
    written.push_back(std::move(facts));
  }
  store.add(written);
}

}  // namespace emporium::analytics
