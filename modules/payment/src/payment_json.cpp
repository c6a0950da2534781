#include "payment_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "emporium/kernel/money.hpp"

namespace emporium::payment {

boost::json::value refund_json(const RefundRecord& refund) {
  return boost::json::object{{"id", refund.id},
                             {"amount", kernel::amount_json(refund.amount_minor)},
                             {"status", refund.status},
                             {"created_at", refund.created_at}};
}

boost::json::value payment_json(const StoredPayment& p) {
  boost::json::object out{{"id", p.id},
                          {"order_id", p.order_id},
                          {"status", p.status},
                          {"provider", p.provider},
                          {"provider_reference", p.provider_reference},
                          {"brand", p.brand},
                          {"last4", p.last4},
                          {"amount", kernel::amount_json(p.amount_minor)},
                          {"captured_amount", kernel::amount_json(p.captured_minor)},
                          {"refunded_amount", kernel::amount_json(p.refunded_minor)},
                          {"currency", p.currency},
                          {"created_at", p.created_at},
                          {"updated_at", p.updated_at}};
  if (p.failure_code.empty()) {
    out["failure_code"] = nullptr;
  } else {
    out["failure_code"] = p.failure_code;
  }
  return out;
}

boost::json::value payment_details_json(const PaymentDetails& details) {
  auto out = payment_json(details.payment);
  boost::json::array refunds;
  for (const auto& refund : details.refunds) refunds.push_back(refund_json(refund));
  out.as_object()["refunds"] = std::move(refunds);
  return out;
}

}  // namespace emporium::payment
