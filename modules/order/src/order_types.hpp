#pragma once
// The order module's plain values: an order with its own copy of what it
// sold, and the checkout saga's record.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emporium/user/postal_address.hpp"

namespace emporium::order {

struct OrderLine {
  std::string product_id;
  std::string variant_id;
  std::string seller_id;
  std::string name;
  std::string sku;
  std::map<std::string, std::string> options;
  std::int64_t quantity = 0;
  std::int64_t unit_price_minor = 0;
  std::int64_t line_total_minor = 0;
};

struct ShippingChoice {
  std::string option_id;
  std::string carrier;
  std::string service;
  std::string name;
};

struct PaymentInfo {
  std::string id;
  std::string status;
  std::string brand;
  std::string last4;
};

// What checkout computes before it writes anything: the order to be.
struct OrderDraft {
  std::string customer_id;
  std::string cart_id;
  std::string currency = "USD";
  std::vector<OrderLine> lines;
  std::int64_t subtotal_minor = 0;
  std::int64_t shipping_minor = 0;
  std::int64_t tax_minor = 0;
  std::int64_t total_minor = 0;
  std::int64_t weight_grams = 0;
  user::PostalAddress address;
  ShippingChoice shipping;
  bool capture = true;
};

struct Order {
  std::string id;
  std::string status;
  OrderDraft draft;
  std::int64_t refunded_minor = 0;
  std::optional<PaymentInfo> payment;
  bool stock_committed = false;
  std::string cancel_reason;
  std::string created_at;
  std::string updated_at;
  std::string paid_at;
};

template <class T>
struct Paged {
  std::int64_t total = 0;
  std::vector<T> items;
};

struct Saga {
  std::string id;
  std::string order_id;
  std::string customer_id;
  std::string idempotency_key;
  std::string cart_id;
  std::string step;  // reserving, charging, completing, done, awaiting_payment, failed
  OrderDraft draft;
  std::string failure_code;
  std::string failure_detail;
};

}  // namespace emporium::order
