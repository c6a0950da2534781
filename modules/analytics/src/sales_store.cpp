#include "sales_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace emporium::analytics {
namespace {

// Every report query starts from one row of its parameters, so each is bound once.
constexpr const char* kParams =
    "WITH p AS (SELECT CAST(:from_day AS date) AS from_day, CAST(:to_day AS date) AS to_day, "
    "CAST(:tz AS text) AS tz, CAST(:currency AS text) AS currency, CAST(:seller AS text) AS seller, "
    "CAST(:unit AS text) AS unit), ";

// The scope's facts: shop-local days [from, to], its currency, its seller.
constexpr const char* kFacts =
    "f AS (SELECT s.*, CAST(date_trunc(p.unit, s.occurred_at AT TIME ZONE p.tz) AS date) AS bucket "
    "FROM analytics.sales s, p WHERE s.currency = p.currency "
    "AND s.occurred_at >= CAST(p.from_day AS timestamp) AT TIME ZONE p.tz "
    "AND s.occurred_at < CAST(p.to_day + 1 AS timestamp) AT TIME ZONE p.tz "
    "AND (p.seller = '' OR s.seller_id = p.seller)) ";

// Orders that count: paid ones less the paid ones cancelled.
constexpr const char* kOrders =
    "count(DISTINCT f.order_id) FILTER (WHERE f.kind = 'paid') - "
    "count(DISTINCT f.order_id) FILTER (WHERE f.kind = 'cancelled')";

struct Bound {
  std::string from, to, tz, currency, seller, unit;
  explicit Bound(const ReportScope& scope)
      : from(format_day(scope.query.from)),
        to(format_day(scope.query.to)),
        tz(scope.time_zone),
        currency(scope.currency),
        seller(scope.seller_id),
        unit(interval_name(scope.query.interval)) {}
};

#define EMPORIUM_ANALYTICS_USE_SCOPE(b)                                                                   \
  soci::use(b.from, "from_day"), soci::use(b.to, "to_day"), soci::use(b.tz, "tz"),                       \
      soci::use(b.currency, "currency"), soci::use(b.seller, "seller"), soci::use(b.unit, "unit")

}  // namespace

std::set<std::string> SalesStore::mark_applied(const std::vector<kernel::Event>& events) {
  boost::json::array rows;
  for (const auto& event : events) {
    rows.push_back({{"event_id", event.id}, {"name", event.name}, {"occurred_at", event.occurred_at}});
  }
  const std::string json = boost::json::serialize(rows);
  soci::rowset<std::string> inserted =
      (tx_.sql().prepare << "INSERT INTO analytics.applied_events (event_id, name, occurred_at) "
                            "SELECT r.event_id, r.name, CAST(r.occurred_at AS timestamptz) "
                            "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(event_id text, name text, occurred_at text) "
                            "ON CONFLICT (event_id) DO NOTHING RETURNING event_id::text",
       soci::use(json, "rows"));
  return {inserted.begin(), inserted.end()};
}

void SalesStore::add(const std::vector<EventFacts>& facts) {
  boost::json::array rows;
  for (const auto& event : facts) {
    for (const auto& f : event.facts) {
      rows.push_back({{"event_id", event.event_id},
                      {"kind", event.kind},
                      {"order_id", event.order_id},
                      {"currency", event.currency},
                      {"occurred_at", event.occurred_at},
                      {"product_id", f.product_id},
                      {"seller_id", f.seller_id},
                      {"name", f.name},
                      {"revenue_minor", f.revenue_minor},
                      {"units", f.units}});
    }
  }
  if (rows.empty()) return;
  const std::string json = boost::json::serialize(rows);
  tx_.sql() << "INSERT INTO analytics.sales (event_id, product_id, kind, order_id, seller_id, name, currency, "
               "occurred_at, revenue_minor, units) "
               "SELECT r.event_id, r.product_id, r.kind, r.order_id, r.seller_id, r.name, r.currency, "
               "CAST(r.occurred_at AS timestamptz), r.revenue_minor, r.units "
               "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(event_id text, kind text, order_id text, "
               "currency text, occurred_at text, product_id text, seller_id text, name text, revenue_minor bigint, "
               "units bigint) ON CONFLICT (event_id, product_id) DO NOTHING",
      soci::use(json, "rows");
}

std::vector<SaleFact> SalesStore::net_of_order(const std::string& order_id) {
  std::vector<SaleFact> out;
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT product_id, (array_agg(seller_id ORDER BY occurred_at DESC))[1], "
                            "(array_agg(name ORDER BY occurred_at DESC))[1], CAST(sum(revenue_minor) AS bigint), "
                            "CAST(sum(units) AS bigint) FROM analytics.sales WHERE order_id = :id "
                            "GROUP BY product_id ORDER BY product_id",
       soci::use(order_id, "id"));
  for (const auto& row : rows) {
    out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                   row.get<long long>(3), row.get<long long>(4)});
  }
  return out;
}

void SalesStore::clear() { tx_.sql() << "TRUNCATE analytics.sales, analytics.applied_events"; }

SalesReport SalesStore::report(const ReportScope& scope) {
  SalesReport report;
  Bound b(scope);
  auto& sql = tx_.sql();
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kParams) + kFacts +
                            ", b AS (SELECT CAST(g AS date) AS bucket FROM p, generate_series(date_trunc(p.unit, "
                            "CAST(p.from_day AS timestamp)), CAST(p.to_day AS timestamp), "
                            "CAST('1 ' || p.unit AS interval)) AS g) "
                            "SELECT to_char(b.bucket, 'YYYY-MM-DD'), CAST(COALESCE(sum(f.revenue_minor), 0) AS bigint), " +
                            kOrders +
                            ", CAST(COALESCE(sum(f.units), 0) AS bigint) FROM b LEFT JOIN f ON f.bucket = b.bucket "
                            "GROUP BY b.bucket ORDER BY b.bucket",
         EMPORIUM_ANALYTICS_USE_SCOPE(b));
    for (const auto& row : rows) {
      report.series.push_back({row.get<std::string>(0), row.get<long long>(1), row.get<long long>(2),
                               row.get<long long>(3)});
    }
  }
  {
    int limit = kTopProducts;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kParams) + kFacts +
                            "SELECT f.product_id, (array_agg(f.name ORDER BY f.occurred_at DESC))[1], "
                            "CAST(sum(f.units) AS bigint), CAST(sum(f.revenue_minor) AS bigint) FROM f "
                            "GROUP BY f.product_id HAVING sum(f.units) <> 0 OR sum(f.revenue_minor) <> 0 "
                            "ORDER BY 4 DESC, 3 DESC, 1 LIMIT :limit",
         EMPORIUM_ANALYTICS_USE_SCOPE(b), soci::use(limit, "limit"));
    for (const auto& row : rows) {
      report.top_products.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2),
                                     row.get<long long>(3)});
    }
  }
  {
    int limit = kTopProducts;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kParams) + kFacts +
                            ", v AS (SELECT pv.product_id, CAST(sum(pv.views) AS bigint) AS views, max(pv.name) AS name "
                            "FROM analytics.product_views pv, p WHERE pv.day BETWEEN p.from_day AND p.to_day "
                            "AND (p.seller = '' OR pv.seller_id = p.seller) GROUP BY pv.product_id), "
                            "o AS (SELECT f.product_id, " +
                            kOrders +
                            " AS orders FROM f GROUP BY f.product_id) "
                            "SELECT v.product_id, v.name, v.views, COALESCE(o.orders, 0) FROM v "
                            "LEFT JOIN o ON o.product_id = v.product_id ORDER BY v.views DESC, v.product_id "
                            "LIMIT :limit",
         EMPORIUM_ANALYTICS_USE_SCOPE(b), soci::use(limit, "limit"));
    for (const auto& row : rows) {
      report.most_viewed.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2),
                                    row.get<long long>(3)});
    }
  }
  long long views = 0;
  sql << "SELECT CAST(COALESCE(sum(views), 0) AS bigint) FROM analytics.product_views "
         "WHERE day BETWEEN CAST(:from_day AS date) AND CAST(:to_day AS date) AND (:seller = '' OR seller_id = :same_seller)",
      soci::use(b.from, "from_day"), soci::use(b.to, "to_day"), soci::use(b.seller, "seller"),
      soci::use(b.seller, "same_seller"), soci::into(views);
  report.views = views;
  return report;
}

Day SalesStore::today(const std::string& time_zone) {
  std::string text;
  tx_.sql() << "SELECT to_char(now() AT TIME ZONE :tz, 'YYYY-MM-DD')", soci::use(time_zone, "tz"), soci::into(text);
  auto day = parse_day(text);
  if (!day) throw std::runtime_error("analytics: the database's date '" + text + "' is not a date");
  return *day;
}

bool SalesStore::time_zone_exists(const std::string& time_zone) {
  long long n = 0;
  tx_.sql() << "SELECT count(*) FROM pg_catalog.pg_timezone_names WHERE name = :tz", soci::use(time_zone, "tz"),
      soci::into(n);
  return n > 0;
}

void SalesStore::add_views(const std::vector<ViewCount>& counts, const std::string& time_zone) {
  if (counts.empty()) return;
  boost::json::array rows;
  for (const auto& c : counts) {
    rows.push_back({{"product_id", c.product_id},
                    {"slot_start", c.slot_start},
                    {"views", c.views},
                    {"seller_id", c.seller_id},
                    {"name", c.name}});
  }
  const std::string json = boost::json::serialize(rows);
  tx_.sql() << "INSERT INTO analytics.product_views AS pv (product_id, day, views, seller_id, name) "
               "SELECT r.product_id, CAST(to_timestamp(r.slot_start) AT TIME ZONE :tz AS date), "
               "CAST(sum(r.views) AS bigint), max(r.seller_id), max(r.name) "
               "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(product_id text, slot_start bigint, views bigint, "
               "seller_id text, name text) GROUP BY 1, 2 "
               "ON CONFLICT (product_id, day) DO UPDATE SET views = pv.views + EXCLUDED.views, "
               "seller_id = CASE WHEN EXCLUDED.seller_id <> '' THEN EXCLUDED.seller_id ELSE pv.seller_id END, "
               "name = CASE WHEN EXCLUDED.name <> '' THEN EXCLUDED.name ELSE pv.name END",
      soci::use(time_zone, "tz"), soci::use(json, "rows");
}

}  // namespace emporium::analytics
