#include "checkout_request.hpp"

#include "emporium/user/postal_address.hpp"

namespace emporium::order {
namespace {

// Reads the object `field` of `body` with `read`, its errors prefixed "<field>.".
template <class Read>
bool read_nested(kernel::JsonBody& body, std::string_view field, const std::string& prefix, Read&& read) {
  const auto* value = body.value(field, true);
  if (value == nullptr) return false;
  if (!value->is_object()) {
    body.add_error(prefix + std::string(field), "must be an object");
    return false;
  }
  kernel::JsonBody nested(value->as_object());
  read(nested);
  if (auto problem = nested.finish()) {
    for (auto& error : problem->errors) body.add_error(prefix + std::string(field) + "." + error.field, error.message);
    return false;
  }
  return true;
}

std::string digits_only(const std::string& number) {
  std::string out;
  for (char c : number) {
    if (c != ' ' && c != '-') out.push_back(c);
  }
  return out;
}

}  // namespace

std::optional<CheckoutRequest> read_checkout_request(kernel::JsonBody& body) {
  CheckoutRequest request;
  auto cart_id = body.string("cart_id", {true, 1, 200});
  auto shipping_option_id = body.string("shipping_option_id", {true, 1, 200});
  bool has_address = body.has("shipping_address");
  bool has_address_id = body.has("address_id");
  if (has_address && has_address_id) {
    body.add_error("address_id", "give either shipping_address or address_id, not both");
  } else if (!has_address && !has_address_id) {
    body.add_error("shipping_address", "is required (or address_id)");
  }
  std::optional<user::PostalAddress> address;
  std::optional<std::string> address_id;
  if (has_address) address = user::read_address_field(body, "shipping_address", true);
  if (has_address_id) address_id = body.string("address_id", {true, 1, 200});

  bool card_read = false;
  std::optional<std::string> method;
  read_nested(body, "payment", "", [&](kernel::JsonBody& payment) {
    method = payment.string("method", {true, 1, 20});
    if (method && *method != "card") payment.add_error("method", "must be \"card\"");
    card_read = read_nested(payment, "card", "", [&](kernel::JsonBody& card) {
      auto number = card.string("number", {true, 1, 40});
      auto month = card.integer("exp_month", {true, 1, 12});
      auto year = card.integer("exp_year", {true, 2000, 9999});
      auto cvc = card.string("cvc", {true, 1, 8});
      if (number && month && year && cvc) {
        request.card = {digits_only(*number), static_cast<int>(*month), static_cast<int>(*year), *cvc};
      }
    });
  });
  if (card_read) {
    for (auto& error : payment::card_errors(request.card)) body.add_error(error.field, error.message);
  }
  if (!cart_id || !shipping_option_id || (!address && !address_id) || !card_read) return std::nullopt;
  request.cart_id = *cart_id;
  request.shipping_option_id = *shipping_option_id;
  request.address = address;
  request.address_id = address_id.value_or("");
  return request;
}

}  // namespace emporium::order
