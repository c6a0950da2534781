#pragma once
// The sales reports of the contract: the query string in, the JSON body out.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "analytics_config.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/problem.hpp"
#include "sales_report.hpp"

namespace emporium::analytics {

struct ReportRequest {
  std::optional<std::string_view> from;
  std::optional<std::string_view> to;
  std::optional<std::string_view> interval;
  std::string seller_id;  // empty: the whole shop
};

class Reports {
 public:
  Reports(kernel::Database& db, AnalyticsConfig config) : db_(db), config_(std::move(config)) {}

  // The report body, or 400 invalid_query.
  std::variant<boost::json::object, kernel::Problem> sales(const ReportRequest& request);

 private:
  kernel::Database& db_;
  AnalyticsConfig config_;
};

// {revenue, orders, average_order_value, currency, series, top_products,
// most_viewed, views}; amounts as JSON numbers of the currency's units.
boost::json::object report_json(const SalesReport& report, const std::string& currency);

}  // namespace emporium::analytics
