#pragma once
#include "emporium/kernel/personal_data.hpp"
#include "payment_service.hpp"

namespace emporium::payment {

// The `payments` section of GET /users/me/export: brand, last4 and amounts, no card data.
void add_personal_data_exporter(kernel::PersonalData& personal_data, PaymentService& payments);

}  // namespace emporium::payment
