#pragma once
// JSON shapes of payments in responses and in the personal data export
// (never a card number or CVC: only brand and last4).
#include <boost/json/value.hpp>

#include "payment_types.hpp"

namespace emporium::payment {

boost::json::value refund_json(const RefundRecord& refund);
boost::json::value payment_json(const StoredPayment& payment);
// payment_json plus its "refunds".
boost::json::value payment_details_json(const PaymentDetails& details);

}  // namespace emporium::payment
