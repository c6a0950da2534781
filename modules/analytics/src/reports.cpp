#include "reports.hpp"

#include <boost/json/array.hpp>

#include "analytics_module_id.hpp"
#include "emporium/kernel/money.hpp"
#include "sales_store.hpp"

namespace emporium::analytics {
namespace {

// Orders per view, to four decimals (a ratio, not money).
double conversion_rate(std::int64_t orders, std::int64_t views) {
  if (views <= 0 || orders <= 0) return 0.0;
  return static_cast<double>((orders * 10000 + views / 2) / views) / 10000.0;
}

}  // namespace

std::variant<boost::json::object, kernel::Problem> Reports::sales(const ReportRequest& request) {
  return db_.transact(analytics_module_id(), [&](kernel::Tx& tx) -> std::variant<boost::json::object, kernel::Problem> {
    SalesStore store(tx);
    auto parsed = parse_report_query(request.from, request.to, request.interval, store.today(config_.time_zone));
    if (auto* problem = std::get_if<kernel::Problem>(&parsed)) return *problem;
    ReportScope scope{std::get<ReportQuery>(parsed), request.seller_id, config_.time_zone, config_.currency};
    return report_json(store.report(scope), config_.currency);
  });
}

boost::json::object report_json(const SalesReport& report, const std::string& currency) {
  std::int64_t revenue = 0, orders = 0;
  boost::json::array series;
  for (const auto& point : report.series) {
    revenue += point.revenue_minor;
    orders += point.orders;
    series.push_back({{"date", point.date},
                      {"revenue", kernel::amount_json(point.revenue_minor)},
                      {"orders", point.orders},
                      {"units", point.units}});
  }
  boost::json::array top;
  for (const auto& p : report.top_products) {
    top.push_back({{"product_id", p.product_id},
                   {"name", p.name},
                   {"units", p.units},
                   {"revenue", kernel::amount_json(p.revenue_minor)}});
  }
  boost::json::array viewed;
  for (const auto& p : report.most_viewed) {
    viewed.push_back({{"product_id", p.product_id},
                      {"name", p.name},
                      {"views", p.views},
                      {"orders", p.orders},
                      {"conversion_rate", conversion_rate(p.orders, p.views)}});
  }
  // Integer division: the average is rounded half up to the minor unit.
  const std::int64_t average = orders > 0 ? (revenue * 2 + orders) / (orders * 2) : 0;
  return {{"revenue", kernel::amount_json(revenue)},
          {"orders", orders},
          {"average_order_value", kernel::amount_json(average)},
          {"currency", currency},
          {"series", std::move(series)},
          {"top_products", std::move(top)},
          {"most_viewed", std::move(viewed)},
          {"views", report.views}};
}

}  // namespace emporium::analytics
