#pragma once
// SQL of analytics.applied_events, analytics.sales and analytics.product_views:
// the read model's facts, and the report queries that aggregate them in the
// shop's time zone.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/events.hpp"
#include "sales_report.hpp"

namespace emporium::analytics {

// One product's part of one event: + for a sale, - for money returned.
struct SaleFact {
  std::string product_id;
  std::string seller_id;
  std::string name;
  std::int64_t revenue_minor = 0;
  std::int64_t units = 0;
};

struct EventFacts {
  std::string event_id;
  std::string kind;  // "paid", "refunded" or "cancelled"
  std::string order_id;
  std::string currency;
  std::string occurred_at;  // RFC 3339
  std::vector<SaleFact> facts;
};

// A product's view count in one 15-minute slot (seconds since the epoch of its start).
struct ViewCount {
  std::string product_id;
  std::int64_t slot_start = 0;
  std::int64_t views = 0;
  std::string seller_id;
  std::string name;
};

class SalesStore {
 public:
  explicit SalesStore(kernel::Tx& tx) : tx_(tx) {}

  // Records that the events are applied; the ids of those that were not
  // already (the others are replays).
  std::set<std::string> mark_applied(const std::vector<kernel::Event>& events);
  // The facts of several events, in one statement.
  void add(const std::vector<EventFacts>& facts);
  // What the order still counts for, per product (revenue, units).
  std::vector<SaleFact> net_of_order(const std::string& order_id);
  // Forgets every applied event and fact (rebuild); views are not events and stay.
  void clear();

  SalesReport report(const ReportScope& scope);
  // Today in `time_zone`.
  Day today(const std::string& time_zone);
  // Whether PostgreSQL knows the IANA name.
  bool time_zone_exists(const std::string& time_zone);

  // One upsert for a whole batch; each slot counts on its shop-local day.
  void add_views(const std::vector<ViewCount>& counts, const std::string& time_zone);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::analytics
