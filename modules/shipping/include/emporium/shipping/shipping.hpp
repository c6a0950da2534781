#pragma once
// The shipping module's callable surface for other modules (the checkout
// saga and the order state machine), provided at start:
// `context.services.get<shipping::Shipping>()`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/result.hpp"

namespace emporium::shipping {

// What is being sent, and where: enough to price it.
struct Parcel {
  std::string country;  // ISO 3166-1 alpha-2 of the destination
  std::int64_t weight_grams = 0;
  std::int64_t subtotal_minor = 0;  // goods value, for the free-shipping threshold
  std::string currency = "USD";
};

struct ShippingOption {
  std::string id;  // stable for the same rate table: "<zone>:<service>", e.g. "eu:express"
  std::string carrier;
  std::string service;
  std::string name;  // "Express (2-3 days)"
  std::int64_t price_minor = 0;
  std::string currency = "USD";
  int estimated_days = 0;
};

struct ShipmentSummary {
  std::string id;  // shp_...
  std::string order_id;
  std::string tracking_number;
  std::string carrier;
  std::string status;  // label_created, shipped, delivered
};

class Shipping {
 public:
  virtual ~Shipping() = default;
  // Every option that ships the parcel, cheapest first. Error
  // `shipping_unavailable` when no zone covers the country.
  virtual kernel::Result<std::vector<ShippingOption>> quote(const Parcel& parcel) = 0;
  // The option with `option_id` priced for this parcel now. Error
  // `invalid_shipping_option` when it does not ship this parcel.
  virtual kernel::Result<ShippingOption> option_for(const Parcel& parcel, const std::string& option_id) = 0;
  // The order's shipment; nullopt before one was created.
  virtual std::optional<ShipmentSummary> shipment_for_order(const std::string& order_id) = 0;
};

}  // namespace emporium::shipping
