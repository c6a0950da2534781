#pragma once
// In-memory stand-ins for the modules the checkout calls, with switches
// that make a step fail or "crash" (throw) where a test needs it.
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "emporium/cart/carts.hpp"
#include "emporium/inventory/inventory.hpp"
#include "emporium/payment/payments.hpp"
#include "emporium/shipping/shipping.hpp"
#include "emporium/user/users.hpp"

namespace emporium::order::testing {

struct FakeCarts : cart::Carts {
  std::map<std::string, int> completed;  // cart id -> completions
  kernel::Result<cart::CheckoutCart> checkout_view(const std::string& cart_id, const std::string& user_id) override {
    if (cart_id != "cart_1") return kernel::Error{"not_found", "no cart"};
    cart::CheckoutCart c;
    c.cart_id = cart_id;
    c.owner_user_id = user_id;
    c.lines.push_back({"item_1", "var_a", "prod_a", "usr_seller_a", "Mug", "MUG-1", {{"Color", "Red"}}, "", 1250, 2,
                       2500, 300});
    c.lines.push_back({"item_2", "var_b", "prod_b", "usr_seller_b", "Tea", "TEA-1", {}, "", 999, 1, 999, 100});
    c.subtotal_minor = 3499;
    c.weight_grams = 700;
    return c;
  }
  kernel::Status complete_checkout(const std::string& cart_id, const std::string&) override {
    std::lock_guard lock(mutex);
    ++completed[cart_id];
    return kernel::Ok{};
  }
  std::mutex mutex;
};

struct FakeShipping : shipping::Shipping {
  std::map<std::string, shipping::ShipmentSummary> shipments;
  kernel::Result<std::vector<shipping::ShippingOption>> quote(const shipping::Parcel& p) override {
    return std::vector<shipping::ShippingOption>{option_for(p, "eu:standard").value()};
  }
  kernel::Result<shipping::ShippingOption> option_for(const shipping::Parcel& parcel, const std::string& id) override {
    if (id != "eu:standard") return kernel::Error{"invalid_shipping_option", "no such option"};
    return shipping::ShippingOption{id, "emporium-post", "standard", "Standard", 501, parcel.currency, 3};
  }
  std::optional<shipping::ShipmentSummary> shipment_for_order(const std::string& order_id) override {
    auto it = shipments.find(order_id);
    if (it == shipments.end()) return std::nullopt;
    return it->second;
  }
};

struct FakeInventory : inventory::Inventory {
  std::mutex mutex;
  std::map<std::string, std::string> reservations;  // order id -> reserved, committed, released
  bool out_of_stock = false;
  bool crash_after_reserve = false;
  kernel::Status reserve(const std::string& order_id, const std::vector<inventory::ReservationLine>&) override {
    std::lock_guard lock(mutex);
    if (out_of_stock) return kernel::Error{"insufficient_stock", "Not enough stock of var_a"};
    if (reservations.count(order_id) && reservations[order_id] == "released") {
      return kernel::Error{"reservation_released", "released"};
    }
    reservations.emplace(order_id, "reserved");
    if (crash_after_reserve) throw std::runtime_error("crash after reserve");
    return kernel::Ok{};
  }
  kernel::Status commit(const std::string& order_id) override {
    std::lock_guard lock(mutex);
    if (reservations[order_id] == "reserved") reservations[order_id] = "committed";
    return kernel::Ok{};
  }
  kernel::Status release(const std::string& order_id) override {
    std::lock_guard lock(mutex);
    auto& state = reservations[order_id];
    if (state != "committed") state = "released";
    return kernel::Ok{};
  }
  kernel::Status restock(const std::string& order_id) override {
    std::lock_guard lock(mutex);
    auto& state = reservations[order_id];
    state = state == "committed" || state == "restocked" ? "restocked" : "released";
    return kernel::Ok{};
  }
  std::int64_t available(const std::string&) override { return 0; }
  std::map<std::string, std::int64_t> available_many(const std::vector<std::string>&) override { return {}; }
  std::string state(const std::string& order_id) {
    std::lock_guard lock(mutex);
    return reservations.count(order_id) ? reservations[order_id] : "";
  }
};

struct FakePayments : payment::Payments {
  std::mutex mutex;
  std::map<std::string, payment::PaymentSummary> payments;  // by order id
  int charges = 0;  // provider calls
  bool crash_before_charge = false;
  bool crash_after_charge = false;
  kernel::Result<payment::PaymentSummary> charge(const payment::ChargeRequest& request) override {
    std::lock_guard lock(mutex);
    if (crash_before_charge) throw std::runtime_error("crash before charge");
    if (auto it = payments.find(request.order_id); it != payments.end()) {
      if (it->second.status == "failed") return kernel::Error{"payment_declined", "declined"};
      return it->second;
    }
    ++charges;
    payment::PaymentSummary p;
    p.id = "pay_" + request.order_id;
    p.order_id = request.order_id;
    p.customer_id = request.customer_id;
    p.brand = "visa";
    p.last4 = request.card.number.substr(request.card.number.size() - 4);
    p.amount_minor = request.amount_minor;
    if (request.card.number == "4000000000000002") {
      p.status = "failed";
      p.failure_code = "card_declined";
      payments[request.order_id] = p;
      return kernel::Error{"payment_declined", "Your card was declined."};
    }
    p.status = request.capture ? "captured" : "authorized";
    p.captured_minor = request.capture ? request.amount_minor : 0;
    payments[request.order_id] = p;
    if (crash_after_charge) throw std::runtime_error("crash after charge");
    return p;
  }
  std::optional<payment::PaymentSummary> for_order(const std::string& order_id) override {
    std::lock_guard lock(mutex);
    auto it = payments.find(order_id);
    if (it == payments.end()) return std::nullopt;
    return it->second;
  }
  kernel::Result<std::optional<payment::PaymentSummary>> cancel_for_order(const std::string& order_id) override {
    std::lock_guard lock(mutex);
    auto it = payments.find(order_id);
    if (it == payments.end() || it->second.status == "failed") return std::optional<payment::PaymentSummary>{};
    if (it->second.status == "captured") {
      it->second.status = "refunded";
      it->second.refunded_minor = it->second.captured_minor;
    } else if (it->second.status == "authorized") {
      it->second.status = "voided";
    }
    return std::optional<payment::PaymentSummary>{it->second};
  }
};

struct FakeUsers : user::Users {
  std::optional<user::UserSummary> find(const std::string&) override { return std::nullopt; }
  std::optional<user::UserSummary> find_by_email(const std::string&) override { return std::nullopt; }
  std::optional<user::PostalAddress> find_address(const std::string& user_id, const std::string& id) override {
    if (user_id != "usr_buyer" || id != "adr_1") return std::nullopt;
    return user::PostalAddress{"Erika", "Hauptstr. 1", "", "Berlin", "", "10115", "DE"};
  }
};

}  // namespace emporium::order::testing
