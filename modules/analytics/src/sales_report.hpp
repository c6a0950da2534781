#pragma once
// A sales report's figures as the store reads them, before they are JSON.
#include <cstdint>
#include <string>
#include <vector>

#include "report_query.hpp"

namespace emporium::analytics {

// Whose sales, in which days, counted in which time zone and currency.
struct ReportScope {
  ReportQuery query;
  std::string seller_id;  // empty: the whole shop
  std::string time_zone;
  std::string currency;
};

struct SeriesPoint {
  std::string date;  // the first shop-local day of the bucket
  std::int64_t revenue_minor = 0;
  std::int64_t orders = 0;
  std::int64_t units = 0;
};

struct ProductSales {
  std::string product_id;
  std::string name;
  std::int64_t units = 0;
  std::int64_t revenue_minor = 0;
};

struct ProductInterest {
  std::string product_id;
  std::string name;
  std::int64_t views = 0;
  std::int64_t orders = 0;
};

struct SalesReport {
  std::vector<SeriesPoint> series;
  std::vector<ProductSales> top_products;
  std::vector<ProductInterest> most_viewed;
  std::int64_t views = 0;
};

inline constexpr int kTopProducts = 10;

}  // namespace emporium::analytics
