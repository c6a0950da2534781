#include "payment_events.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace emporium::payment {
namespace {

boost::json::object base(const StoredPayment& p) {
  return {{"payment_id", p.id},
          {"order_id", p.order_id},
          {"customer_id", p.customer_id},
          {"amount_minor", p.amount_minor},
          {"currency", p.currency}};
}

}  // namespace

std::string settled_payload(const StoredPayment& payment) {
  auto object = base(payment);
  object["status"] = payment.status;
  return boost::json::serialize(object);
}

std::string failed_payload(const StoredPayment& payment) {
  auto object = base(payment);
  object["failure_code"] = payment.failure_code;
  return boost::json::serialize(object);
}

std::string refunded_payload(const StoredPayment& payment, const RefundRecord& refund) {
  auto object = base(payment);
  object["refund_id"] = refund.id;
  object["amount_minor"] = refund.amount_minor;
  object["refunded_minor"] = payment.refunded_minor;
  object["captured_minor"] = payment.captured_minor;
  object["status"] = payment.status;
  return boost::json::serialize(object);
}

std::string voided_payload(const StoredPayment& payment) { return boost::json::serialize(base(payment)); }

}  // namespace emporium::payment
