#include "pricing.hpp"

namespace emporium::order {

std::int64_t tax_for(std::int64_t taxable_minor, std::int64_t basis_points) {
  if (taxable_minor <= 0 || basis_points <= 0) return 0;
  // Amounts stay below 10^11 and rates below 10^5 bp: the product fits in 63 bits.
  return (taxable_minor * basis_points + 5000) / 10000;
}

OrderTotals order_totals(std::int64_t subtotal_minor, std::int64_t shipping_minor, const std::string& country,
                         const TaxRates& rates) {
  OrderTotals totals{subtotal_minor, shipping_minor, 0, 0};
  auto rate = rates.find(country);
  totals.tax_minor = rate == rates.end() ? 0 : tax_for(subtotal_minor + shipping_minor, rate->second);
  totals.total_minor = subtotal_minor + shipping_minor + totals.tax_minor;
  return totals;
}

}  // namespace emporium::order
