#pragma once
// Choosing what ships a parcel: its zone, each service's price from its
// carrier, the free-shipping threshold, cheapest first. Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "carrier.hpp"
#include "emporium/kernel/result.hpp"
#include "emporium/shipping/shipping.hpp"
#include "rate_table.hpp"

namespace emporium::shipping {

// The zone that lists the country, else the rest-of-the-world zone, else null.
const Zone* zone_for(const RateTable& table, std::string_view country);

// The table's price of `rate` for a weight: the flat price, or the first
// bracket whose max_weight_grams is at least the weight; nullopt above them all.
std::optional<std::int64_t> table_price(const ServiceRate& rate, std::int64_t weight_grams);

// Whether the subtotal reaches the table's threshold for its currency.
bool ships_free(const RateTable& table, const Parcel& parcel);

// Every option for the parcel, cheapest first (then fastest, then by id).
// Error `shipping_unavailable` when no zone covers the country, the parcel's
// currency is not the table's, or no service carries the weight.
kernel::Result<std::vector<ShippingOption>> quote_options(const RateTable& table, const Parcel& parcel,
                                                          const Carriers& carriers);

// The option with `option_id` among those quoted; `invalid_shipping_option` otherwise.
kernel::Result<ShippingOption> pick_option(const RateTable& table, const Parcel& parcel, const Carriers& carriers,
                                           const std::string& option_id);

}  // namespace emporium::shipping
