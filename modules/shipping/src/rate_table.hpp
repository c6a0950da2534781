#pragma once
// The rate table: zones (sets of countries; one may be the rest of the
// world), the services each zone offers with a flat price or weight
// brackets, and free-shipping thresholds per currency. Pure values, their
// validation and their JSON shape (the body of `PUT /shipping/rates` and of
// the `shipping.default_rates` config block); no I/O.
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/problem.hpp"

namespace emporium::shipping {

// A zone's country list holding only this marker covers every country that
// no other zone lists.
inline constexpr const char* kRestOfWorld = "*";
// The service that the free-shipping threshold makes free.
inline constexpr const char* kStandardService = "standard";

struct WeightBracket {
  std::int64_t max_weight_grams = 0;  // inclusive
  std::int64_t price_minor = 0;
};

struct ServiceRate {
  std::string service;  // "standard", "express": unique within the zone
  std::string name;     // "Standard"
  std::string carrier;  // "emporium-post"
  int estimated_days = 0;
  std::optional<std::int64_t> flat_price_minor;  // either this...
  std::vector<WeightBracket> brackets;           // ...or these, by ascending weight
};

struct Zone {
  std::string id;  // "eu": part of the option id "eu:express"
  std::string name;
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2, or {kRestOfWorld}
  std::vector<ServiceRate> services;

  bool rest_of_world() const { return countries.size() == 1 && countries[0] == kRestOfWorld; }
};

struct RateTable {
  std::int64_t version = 0;  // 0: the configured defaults; else the stored version
  std::string updated_at;    // RFC 3339; empty for the defaults
  std::string currency = "USD";  // of every price in the table
  std::map<std::string, std::int64_t> free_shipping_thresholds;  // currency -> subtotal
  std::vector<Zone> zones;
};

// The table in `json`, or one field error per problem with paths such as
// `zones[1].countries[0]` (unknown keys included). `known_carriers` are the
// carriers a service may name.
struct ParsedRateTable {
  std::optional<RateTable> table;
  std::vector<kernel::FieldError> errors;
};
ParsedRateTable parse_rate_table(const boost::json::object& json, const std::vector<std::string>& known_carriers);

// {version, updated_at, currency, free_shipping_thresholds, zones}; the
// stored body leaves out version and updated_at (`with_version` false).
boost::json::object rate_table_json(const RateTable& table, bool with_version = true);

}  // namespace emporium::shipping
