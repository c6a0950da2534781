#pragma once
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/router.hpp"
#include "payment_service.hpp"

namespace emporium::payment {

// GET /orders/{id}/payments, admin capture and refund, provider webhooks.
void add_payment_routes(kernel::Router& router, const kernel::Auth& auth, kernel::Database& db,
                        PaymentService& payments);

}  // namespace emporium::payment
