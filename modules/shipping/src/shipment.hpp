#pragma once
// A shipment as this module stores it, and its tracking history.
#include <cstdint>
#include <string>
#include <vector>

#include "emporium/user/postal_address.hpp"

namespace emporium::shipping {

inline constexpr const char* kLabelCreated = "label_created";
inline constexpr const char* kShipped = "shipped";
inline constexpr const char* kDelivered = "delivered";

// label_created < shipped < delivered: a status never moves back, so a late
// order.shipped after order.delivered leaves the shipment delivered.
int status_rank(const std::string& status);

struct Shipment {
  std::string id;
  std::string order_id;
  std::string customer_id;
  std::string tracking_number;
  std::string carrier;
  std::string service;
  std::string service_name;
  std::string status;
  std::int64_t weight_grams = 0;
  user::PostalAddress recipient;
  user::PostalAddress sender;
  std::string created_at;
};

struct TrackingEvent {
  std::string status;
  std::string description;
  std::string occurred_at;
};

}  // namespace emporium::shipping
