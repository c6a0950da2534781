#include "rate_selection.hpp"

#include <algorithm>
#include <tuple>

namespace emporium::shipping {

const Zone* zone_for(const RateTable& table, std::string_view country) {
  const Zone* rest = nullptr;
  for (const auto& zone : table.zones) {
    if (zone.rest_of_world()) {
      rest = &zone;
      continue;
    }
    if (std::find(zone.countries.begin(), zone.countries.end(), country) != zone.countries.end()) return &zone;
  }
  return rest;
}

std::optional<std::int64_t> table_price(const ServiceRate& rate, std::int64_t weight_grams) {
  if (rate.flat_price_minor) return rate.flat_price_minor;
  for (const auto& bracket : rate.brackets) {
    if (weight_grams <= bracket.max_weight_grams) return bracket.price_minor;
  }
  return std::nullopt;
}

bool ships_free(const RateTable& table, const Parcel& parcel) {
  auto it = table.free_shipping_thresholds.find(parcel.currency);
  return it != table.free_shipping_thresholds.end() && parcel.subtotal_minor >= it->second;
}

kernel::Result<std::vector<ShippingOption>> quote_options(const RateTable& table, const Parcel& parcel,
                                                          const Carriers& carriers) {
  const Zone* zone = zone_for(table, parcel.country);
  if (zone == nullptr) {
    return kernel::Error{"shipping_unavailable", "We do not ship to " + parcel.country + "."};
  }
  if (parcel.currency != table.currency) {
    return kernel::Error{"shipping_unavailable", "Shipping rates are in " + table.currency + ", not " + parcel.currency + "."};
  }
  const bool free = ships_free(table, parcel);
  std::vector<ShippingOption> options;
  for (const auto& rate : zone->services) {
    const Carrier* carrier = carriers.find(rate.carrier);
    if (carrier == nullptr) continue;  // a carrier that was removed since the table was saved
    auto price = carrier->price(rate, parcel);
    if (!price) continue;
    if (free && rate.service == kStandardService) price = 0;
    options.push_back(
        {zone->id + ":" + rate.service, rate.carrier, rate.service, rate.name, *price, table.currency, rate.estimated_days});
  }
  if (options.empty()) {
    return kernel::Error{"shipping_unavailable", "No service ships a parcel of " + std::to_string(parcel.weight_grams) +
                                                     " g to " + parcel.country + "."};
  }
  std::stable_sort(options.begin(), options.end(), [](const ShippingOption& a, const ShippingOption& b) {
    return std::tie(a.price_minor, a.estimated_days, a.id) < std::tie(b.price_minor, b.estimated_days, b.id);
  });
  return options;
}

kernel::Result<ShippingOption> pick_option(const RateTable& table, const Parcel& parcel, const Carriers& carriers,
                                           const std::string& option_id) {
  auto options = quote_options(table, parcel, carriers);
  if (options) {
    for (auto& option : options.value()) {
      if (option.id == option_id) return std::move(option);
    }
  }
  return kernel::Error{"invalid_shipping_option",
                       "The shipping option '" + option_id + "' does not ship this parcel to " + parcel.country + "."};
}

}  // namespace emporium::shipping
