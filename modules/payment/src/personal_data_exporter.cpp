#include "personal_data_exporter.hpp"

#include <boost/json/array.hpp>

#include "payment_json.hpp"

namespace emporium::payment {

void add_personal_data_exporter(kernel::PersonalData& personal_data, PaymentService& payments) {
  personal_data.add_exporter("payments", [&payments](const std::string& user_id) -> boost::json::value {
    boost::json::array out;
    for (const auto& payment : payments.customer_payments(user_id)) out.push_back(payment_json(payment));
    return out;
  });
}

}  // namespace emporium::payment
