// The sales read model against a real PostgreSQL: order events in, report
// numbers out, exactly; refunds and cancellations subtracted; a seller sees
// only their products; views written in one batch; a rebuild from the
// stored events gives the same report as the live model.
#include <doctest/doctest.h>


#include "analytics/src/analytics_module_id.hpp"
#include "analytics/src/reports.hpp"
#include "analytics/src/sales_model.hpp"
#include "analytics/src/sales_store.hpp"
#include "analytics/src/view_flusher.hpp"
#include "emporium/analytics/rebuild.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/json_response.hpp"
#include "test_database.hpp"

using namespace emporium;
using namespace emporium::analytics;

namespace {

struct Line {
  std::string product_id, seller_id, name;
  int quantity;
  long long line_total;
};

std::string items_json(const std::vector<Line>& lines) {
  std::string out = "[";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (i > 0) out += ",";
    out += R"({"product_id":")" + l.product_id + R"(","variant_id":"v-)" + l.product_id + R"(","seller_id":")" +
           l.seller_id + R"(","name":")" + l.name + R"(","sku":"S","quantity":)" + std::to_string(l.quantity) +
           R"(,"unit_price_minor":)" + std::to_string(l.line_total / l.quantity) + R"(,"line_total_minor":)" +
           std::to_string(l.line_total) + "}";
  }
  return out + "]";
}

long long subtotal(const std::vector<Line>& lines) {
  long long s = 0;
  for (const auto& l : lines) s += l.line_total;
  return s;
}

kernel::Event paid(const std::string& id, const std::string& order, const std::vector<Line>& lines,
                   const std::string& at, const std::string& currency = "USD") {
  const auto sub = std::to_string(subtotal(lines));
  return {id, "order.paid", 1,
          R"({"order_id":")" + order + R"(","customer_id":"c1","currency":")" + currency +
              R"(","occurred_at":")" + at + R"(","payment_id":"pay","items":)" + items_json(lines) +
              R"(,"subtotal_minor":)" + sub + R"(,"shipping_minor":500,"tax_minor":0,"total_minor":)" +
              std::to_string(subtotal(lines) + 500) + "}",
          at, "order"};
}

kernel::Event refunded(const std::string& id, const std::string& order, const std::vector<Line>& lines,
                       long long amount, long long refunded_so_far, const std::string& at) {
  return {id, "order.refunded", 1,
          R"({"order_id":")" + order + R"(","customer_id":"c1","currency":"USD","payment_id":"pay","amount_minor":)" +
              std::to_string(amount) + R"(,"refunded_minor":)" + std::to_string(refunded_so_far) +
              R"(,"total_minor":)" + std::to_string(subtotal(lines) + 500) +
              R"(,"status":"partially_refunded","items":)" + items_json(lines) + "}",
          at, "order"};
}

kernel::Event cancelled(const std::string& id, const std::string& order, const std::vector<Line>& lines,
                        bool was_paid, const std::string& at) {
  return {id, "order.cancelled", 1,
          R"({"order_id":")" + order + R"(","customer_id":"c1","currency":"USD","reason":"customer","was_paid":)" +
              (was_paid ? "true" : "false") + R"(,"items":)" + items_json(lines) + R"(,"total_minor":)" +
              std::to_string(subtotal(lines) + 500) + R"(,"refunded_minor":0})",
          at, "order"};
}

AnalyticsConfig config(const std::string& tz = "UTC") {
  AnalyticsConfig c;
  c.time_zone = tz;
  return c;
}

struct Fixture {
  kernel::Database db;
  explicit Fixture(const char* name) : db(testing::migrated_database(name), 2) {}
  void apply(const kernel::Event& e) {
    db.transact(analytics_module_id(), [&](kernel::Tx& tx) { apply_order_event(tx, e); });
  }
  boost::json::object report(const ReportRequest& request, const std::string& tz = "UTC") {
    Reports reports(db, config(tz));
    auto result = reports.sales(request);
    REQUIRE(std::holds_alternative<boost::json::object>(result));
    return std::get<boost::json::object>(result);
  }
  long long count(const std::string& query) {
    return db.transact(analytics_module_id(), [&](kernel::Tx& tx) {
      long long n = 0;
      tx.sql() << query, soci::into(n);
      return n;
    });
  }
};

const Line kMugA{"mug", "seller-a", "Mug", 2, 2000};
const Line kCupA{"cup", "seller-a", "Cup", 1, 1000};
const Line kLampB{"lamp", "seller-b", "Lamp", 1, 5000};

std::string text(const boost::json::value& v) { return kernel::to_json_text(v); }

}  // namespace

TEST_CASE("paid orders add revenue, orders and units per day; top products rank by revenue") {
  Fixture f("analytics_paid");
  f.apply(paid("e1", "o1", {kMugA, kCupA}, "2026-11-02T10:00:00Z"));
  f.apply(paid("e2", "o2", {kLampB}, "2026-11-02T23:00:00Z"));
  f.apply(paid("e3", "o3", {kMugA}, "2026-11-04T08:00:00Z"));
  f.apply(paid("e3", "o3", {kMugA}, "2026-11-04T08:00:00Z"));  // a replay counts once
  f.apply(paid("e4", "o4", {kMugA}, "2026-11-04T08:00:00Z", "EUR"));  // another currency stays out

  auto r = f.report({"2026-11-01", "2026-11-04", "day", ""});
  CHECK(text(r["revenue"]) == "100");
  CHECK(r["orders"].as_int64() == 3);
  CHECK(text(r["average_order_value"]) == "33.33");
  CHECK(r["currency"].as_string() == "USD");
  CHECK(text(r["series"]) ==
        R"([{"date":"2026-11-01","revenue":0,"orders":0,"units":0},)"
        R"({"date":"2026-11-02","revenue":80,"orders":2,"units":4},)"
        R"({"date":"2026-11-03","revenue":0,"orders":0,"units":0},)"
        R"({"date":"2026-11-04","revenue":20,"orders":1,"units":2}])");
  CHECK(text(r["top_products"]) == R"([{"product_id":"lamp","name":"Lamp","units":1,"revenue":50},)"
                                   R"({"product_id":"mug","name":"Mug","units":4,"revenue":40},)"
                                   R"({"product_id":"cup","name":"Cup","units":1,"revenue":10}])");
}

TEST_CASE("days, weeks and months are the shop's time zone's") {
  Fixture f("analytics_time_zone");
  // 23:00 UTC on Nov 2 is Nov 3 in Berlin (UTC+1 in November).
  f.apply(paid("e1", "o1", {kLampB}, "2026-11-02T23:00:00Z"));
  auto utc = f.report({"2026-11-02", "2026-11-03", "day", ""});
  CHECK(text(utc["series"]) == R"([{"date":"2026-11-02","revenue":50,"orders":1,"units":1},)"
                               R"({"date":"2026-11-03","revenue":0,"orders":0,"units":0}])");
  auto berlin = f.report({"2026-11-02", "2026-11-03", "day", ""}, "Europe/Berlin");
  CHECK(text(berlin["series"]) == R"([{"date":"2026-11-02","revenue":0,"orders":0,"units":0},)"
                                  R"({"date":"2026-11-03","revenue":50,"orders":1,"units":1}])");
  // Weeks start on Monday (2026-11-02 is one); months on the 1st.
  f.apply(paid("e2", "o2", {kCupA}, "2026-11-09T12:00:00Z"));
  auto weeks = f.report({"2026-11-02", "2026-11-10", "week", ""});
  CHECK(text(weeks["series"]) == R"([{"date":"2026-11-02","revenue":50,"orders":1,"units":1},)"
                                 R"({"date":"2026-11-09","revenue":10,"orders":1,"units":1}])");
  auto months = f.report({"2026-10-15", "2026-11-30", "month", ""});
  CHECK(text(months["series"]) == R"([{"date":"2026-10-01","revenue":0,"orders":0,"units":0},)"
                                  R"({"date":"2026-11-01","revenue":60,"orders":2,"units":2}])");
  // A report range excludes what falls outside it.
  CHECK(text(f.report({"2026-11-03", "2026-11-08", "day", ""})["revenue"]) == "0");
}

TEST_CASE("refunds subtract their product share split by line totals; a paid order's cancellation subtracts it whole") {
  Fixture f("analytics_refunds");
  f.apply(paid("e1", "o1", {kMugA, kCupA}, "2026-11-02T10:00:00Z"));  // 20 + 10, shipping 5
  // 9.99 split 2:1 -> 6.66 and 3.33.
  f.apply(refunded("e2", "o1", {kMugA, kCupA}, 999, 999, "2026-11-03T10:00:00Z"));
  auto r = f.report({"2026-11-01", "2026-11-05", "day", ""});
  CHECK(text(r["revenue"]) == "20.01");
  CHECK(r["orders"].as_int64() == 1);
  CHECK(text(r["top_products"]) == R"([{"product_id":"mug","name":"Mug","units":2,"revenue":13.34},)"
                                   R"({"product_id":"cup","name":"Cup","units":1,"revenue":6.67}])");
  CHECK(text(r["series"].as_array()[2]) == R"({"date":"2026-11-03","revenue":-9.99,"orders":0,"units":0})");
  // The rest of the order, with its shipping: only the merchandise left (20.01) comes off.
  f.apply(refunded("e3", "o1", {kMugA, kCupA}, 2501, 3500, "2026-11-04T10:00:00Z"));
  CHECK(text(f.report({"2026-11-01", "2026-11-05", "day", ""})["revenue"]) == "0");

  f.apply(paid("e4", "o2", {kLampB, kCupA}, "2026-11-02T11:00:00Z"));
  f.apply(refunded("e5", "o2", {kLampB, kCupA}, 600, 600, "2026-11-03T11:00:00Z"));
  f.apply(cancelled("e6", "o2", {kLampB, kCupA}, true, "2026-11-04T11:00:00Z"));
  f.apply(paid("e7", "o3", {kLampB}, "2026-11-02T12:00:00Z"));
  f.apply(cancelled("e8", "o3-unpaid", {kLampB}, false, "2026-11-04T12:00:00Z"));  // never counted
  auto after = f.report({"2026-11-01", "2026-11-05", "day", ""});
  CHECK(text(after["revenue"]) == "50");
  CHECK(after["orders"].as_int64() == 2);  // o1 (refunded, still sold) and o3
  CHECK(f.count("SELECT count(*) FROM analytics.sales WHERE order_id = 'o2'") == 6);
  CHECK(f.count("SELECT CAST(COALESCE(sum(revenue_minor), 0) AS bigint) FROM analytics.sales WHERE order_id = 'o2'") == 0);
  CHECK(f.count("SELECT CAST(COALESCE(sum(units), 0) AS bigint) FROM analytics.sales WHERE order_id = 'o2'") == 0);
}

TEST_CASE("a seller's report counts only their products") {
  Fixture f("analytics_seller");
  f.apply(paid("e1", "o1", {kMugA, kLampB}, "2026-11-02T10:00:00Z"));
  f.apply(paid("e2", "o2", {kLampB}, "2026-11-03T10:00:00Z"));
  auto a = f.report({"2026-11-01", "2026-11-05", "day", "seller-a"});
  CHECK(text(a["revenue"]) == "20");
  CHECK(a["orders"].as_int64() == 1);
  CHECK(text(a["top_products"]) == R"([{"product_id":"mug","name":"Mug","units":2,"revenue":20}])");
  auto b = f.report({"2026-11-01", "2026-11-05", "day", "seller-b"});
  CHECK(text(b["revenue"]) == "100");
  CHECK(b["orders"].as_int64() == 2);
  auto nobody = f.report({"2026-11-01", "2026-11-05", "day", "seller-c"});
  CHECK(text(nobody["revenue"]) == "0");
  CHECK(nobody["top_products"].as_array().empty());
}

TEST_CASE("bad report queries are 400 invalid_query") {
  Fixture f("analytics_bad_query");
  Reports reports(f.db, config());
  auto bad = reports.sales({"2026-11-05", "2026-11-01", "day", ""});
  REQUIRE(std::holds_alternative<kernel::Problem>(bad));
  CHECK(std::get<kernel::Problem>(bad).code == "invalid_query");
  CHECK(std::holds_alternative<kernel::Problem>(reports.sales({std::nullopt, std::nullopt, "fortnight", ""})));
  CHECK(std::holds_alternative<boost::json::object>(reports.sales({std::nullopt, std::nullopt, std::nullopt, ""})));
}

TEST_CASE("views are flushed in one batch per flush onto shop-local days, and show as most viewed with conversion") {
  Fixture f("analytics_views");
  ViewCounter counter;
  ViewFlusher flusher(f.db, counter, nullptr, "UTC");
  const std::int64_t nov2_noon = 1793620800;  // 2026-11-02T12:00:00Z
  for (int i = 0; i < 4; ++i) counter.count("mug", nov2_noon + i);
  counter.count("lamp", nov2_noon);
  counter.count("mug", nov2_noon + 3600);  // another slot, same day
  CHECK(flusher.flush() == 3);  // (product, slot) rows, one statement
  CHECK(flusher.flush() == 0);
  CHECK(f.count("SELECT views FROM analytics.product_views WHERE product_id = 'mug' AND day = '2026-11-02'") == 5);
  counter.count("mug", nov2_noon);
  flusher.flush();
  CHECK(f.count("SELECT views FROM analytics.product_views WHERE product_id = 'mug' AND day = '2026-11-02'") == 6);
  CHECK(f.count("SELECT count(*) FROM analytics.product_views") == 2);

  f.apply(paid("e1", "o1", {kMugA}, "2026-11-02T13:00:00Z"));
  f.apply(paid("e2", "o2", {kMugA}, "2026-11-02T14:00:00Z"));
  auto r = f.report({"2026-11-01", "2026-11-03", "day", ""});
  CHECK(r["views"].as_int64() == 7);
  auto viewed = r["most_viewed"].as_array();
  REQUIRE(viewed.size() == 2);
  CHECK(viewed[0].at("product_id").as_string() == "mug");
  CHECK(viewed[0].at("views").as_int64() == 6);
  CHECK(viewed[0].at("orders").as_int64() == 2);
  CHECK(viewed[0].at("conversion_rate").as_double() == doctest::Approx(0.3333));
  CHECK(viewed[1].at("product_id").as_string() == "lamp");
  CHECK(viewed[1].at("views").as_int64() == 1);
  CHECK(viewed[1].at("orders").as_int64() == 0);
  CHECK(viewed[1].at("conversion_rate").as_double() == 0.0);
}

TEST_CASE("rebuild: replaying the stored order events gives the same report as the live model") {
  Fixture f("analytics_rebuild");
  const kernel::ModuleId order_module{"order", "orders"};
  std::vector<kernel::Event> events = {
      paid("", "o1", {kMugA, kCupA}, "2026-11-02T10:00:00Z"),
      paid("", "o2", {kLampB}, "2026-11-02T11:00:00Z"),
      refunded("", "o1", {kMugA, kCupA}, 999, 999, "2026-11-03T10:00:00Z"),
      cancelled("", "o2", {kLampB}, true, "2026-11-04T10:00:00Z"),
      paid("", "o3", {kLampB, kMugA}, "2026-11-05T10:00:00Z"),
  };
  // Publish as the order module would, then apply each as the bus would deliver it.
  for (auto& e : events) {
    f.db.transact(order_module, [&](kernel::Tx& tx) {
      e.id = tx.publish(e.name, 1, e.payload);
      tx.sql() << "UPDATE orders.outbox SET occurred_at = CAST(:at AS timestamptz) WHERE id = CAST(:id AS uuid)",
          soci::use(e.occurred_at, "at"), soci::use(e.id, "id");
    });
    f.apply(e);
  }
  const ReportRequest request{"2026-11-01", "2026-11-06", "day", ""};
  const ReportRequest seller{"2026-11-01", "2026-11-06", "week", "seller-b"};
  const auto live = text(f.report(request));
  const auto live_seller = text(f.report(seller));
  CHECK(live.find(R"("revenue":90.01)") != std::string::npos);

  auto rebuilt = rebuild_read_model(f.db, testing::all_modules());
  CHECK(rebuilt.events == events.size());
  CHECK(text(f.report(request)) == live);
  CHECK(text(f.report(seller)) == live_seller);
  // A live delivery after the rebuild still counts once.
  f.apply(events.front());
  CHECK(text(f.report(request)) == live);
}

TEST_CASE("paid orders applied as a batch give what one by one gives, and a replayed batch adds nothing") {
  const std::vector<kernel::Event> events = {paid("e1", "o1", {kMugA, kCupA}, "2026-11-02T10:00:00Z"),
                                             paid("e2", "o2", {kLampB}, "2026-11-02T23:00:00Z"),
                                             paid("e3", "o3", {kMugA}, "2026-11-04T08:00:00Z")};
  Fixture one_by_one("analytics_batch_single");
  for (const auto& event : events) one_by_one.apply(event);
  Fixture batched("analytics_batch");
  const auto apply_all = [&](const std::vector<kernel::Event>& batch) {
    batched.db.transact(analytics_module_id(), [&](kernel::Tx& tx) { apply_order_events(tx, batch); });
  };
  apply_all({events[0]});
  apply_all(events);  // e1 again, among new ones: counted once
  apply_all(events);

  const ReportRequest request{"2026-11-01", "2026-11-04", "day", ""};
  CHECK(text(batched.report(request)) == text(one_by_one.report(request)));
  CHECK(batched.count("SELECT count(*) FROM analytics.sales") == 4);
  CHECK(batched.count("SELECT count(*) FROM analytics.applied_events") == 3);

  // A malformed event fails the whole batch, which writes nothing.
  kernel::Event broken = paid("e4", "o4", {kCupA}, "2026-11-04T09:00:00Z");
  broken.payload = "{}";
  CHECK_THROWS(apply_all({paid("e5", "o5", {kCupA}, "2026-11-04T09:00:00Z"), broken}));
  CHECK(batched.count("SELECT count(*) FROM analytics.applied_events") == 3);
}
