#pragma once
// An order's money: taxes per destination country and the totals. Pure: no
// I/O, integer minor units only.
#include <cstdint>
#include <map>
#include <string>

namespace emporium::order {

// Tax rates in basis points (1900 = 19 %) by ISO country code.
using TaxRates = std::map<std::string, std::int64_t, std::less<>>;

struct OrderTotals {
  std::int64_t subtotal_minor = 0;
  std::int64_t shipping_minor = 0;
  std::int64_t tax_minor = 0;
  std::int64_t total_minor = 0;
};

// Tax on `taxable_minor` at `basis_points`, rounded half up to a whole minor
// unit, once per order: 1001 at 1900 bp is 190.19 -> 190; 1050 at 1000 bp
// is 105.0 -> 105; 5 at 1000 bp is 0.5 -> 1.
std::int64_t tax_for(std::int64_t taxable_minor, std::int64_t basis_points);

// Subtotal + shipping, taxed at the country's rate (0 when it has none).
OrderTotals order_totals(std::int64_t subtotal_minor, std::int64_t shipping_minor, const std::string& country,
                         const TaxRates& rates);

}  // namespace emporium::order
