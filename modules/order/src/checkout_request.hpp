#pragma once
// Reading the body of POST /orders: every bad field recorded on the body so
// that one 422 lists them all (the address, the card), nothing written.
#include <optional>

#include "checkout.hpp"
#include "emporium/kernel/json_body.hpp"

namespace emporium::order {

// {cart_id, shipping_address | address_id, shipping_option_id,
//  payment: {method: "card", card: {number, exp_month, exp_year, cvc}}}
std::optional<CheckoutRequest> read_checkout_request(kernel::JsonBody& body);

}  // namespace emporium::order
