#include "notification_store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cctype>
#include <string>

#include "emporium/kernel/statement_kind.hpp"

namespace emporium::notification {
namespace {

const std::string kDeliveryColumns =
    "id::text, user_id, channel, COALESCE(template_key, ''), recipient, subject, text_body, html_body, status, "
    "attempts, last_error, notification.rfc3339(next_attempt_at), notification.rfc3339(created_at), "
    "COALESCE(notification.rfc3339(sent_at), '')";

Delivery read_delivery(const soci::row& row) {
  Delivery d;
  d.id = row.get<std::string>(0);
  d.user_id = row.get<std::string>(1);
  d.channel = row.get<std::string>(2);
  d.template_key = row.get<std::string>(3);
  d.recipient = row.get<std::string>(4);
  d.subject = row.get<std::string>(5);
  d.text_body = row.get<std::string>(6);
  d.html_body = row.get<std::string>(7);
  d.status = row.get<std::string>(8);
  d.attempts = row.get<int>(9);
  d.last_error = row.get<std::string>(10);
  d.next_attempt_at = row.get<std::string>(11);
  d.created_at = row.get<std::string>(12);
  d.sent_at = row.get<std::string>(13);
  return d;
}

const std::string kInAppColumns =
    "id::text, title, body, COALESCE(notification.rfc3339(read_at), ''), notification.rfc3339(created_at)";

// A list bound as one JSON parameter (`= ANY(...)` of kAnyOfIds), never spliced into the SQL.
const std::string kAnyOfIds = "ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(:ids AS jsonb))))";

std::string json_list(const std::vector<std::string>& values) {
  boost::json::array list;
  for (const auto& value : values) list.emplace_back(value);
  return boost::json::serialize(list);
}

InAppNotification read_in_app(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3),
          row.get<std::string>(4)};
}

}  // namespace

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<Template> NotificationStore::find_template(const std::string& key) {
  auto found = find_templates({key});
  if (found.empty()) return std::nullopt;
  return std::move(found.begin()->second);
}

std::map<std::string, Template, std::less<>> NotificationStore::find_templates(const std::vector<std::string>& keys) {
  std::map<std::string, Template, std::less<>> found;
  if (keys.empty()) return found;
  const std::string ids = json_list(keys);
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT key, subject, text_body, html_body, notification.rfc3339(updated_at) "
                            "FROM notification.templates WHERE key = " + kAnyOfIds,
       soci::use(ids, "ids"));
  for (const auto& row : rows) {
    Template t{row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3),
               row.get<std::string>(4)};
    found.emplace(t.key, std::move(t));
  }
  return found;
}

bool NotificationStore::update_template(const Template& t) {
  std::string key;
  tx_.sql() << "UPDATE notification.templates SET subject = :subject, text_body = :text, html_body = :html, "
               "updated_at = now() WHERE key = :key RETURNING key",
      soci::use(t.subject, "subject"), soci::use(t.text_body, "text"), soci::use(t.html_body, "html"),
      soci::use(t.key, "key"), soci::into(key);
  return tx_.sql().got_data();
}

std::optional<std::string> NotificationStore::queue(const NewDelivery& delivery) {
  auto queued = queue_many({delivery});
  if (queued.empty()) return std::nullopt;
  return queued.front();
}

std::vector<std::string> NotificationStore::queue_many(const std::vector<NewDelivery>& deliveries) {
  std::vector<std::string> queued;
  if (deliveries.empty()) return queued;
  boost::json::array list;
  for (const auto& d : deliveries) {
    list.push_back(boost::json::object{{"event_id", d.event_id},
                                       {"user_id", d.user_id},
                                       {"channel", d.channel},
                                       {"template_key", d.template_key},
                                       {"recipient", d.recipient},
                                       {"subject", d.subject},
                                       {"text_body", d.text_body},
                                       {"html_body", d.html_body},
                                       {"error", d.failed_error}});
  }
  const std::string rows_json = boost::json::serialize(list);
  // One statement: the deliveries, and the in-app notification of each
  // in-app one queued now (an in-app delivery is sent at once, unless its
  // render failed). A row whose (event, user, channel) was queued before is
  // skipped, so a redelivered event writes nothing twice.
  soci::rowset<std::string> ids =
      (tx_.sql().prepare
           << "WITH wanted AS (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(event_id text, "
              "user_id text, channel text, template_key text, recipient text, subject text, text_body text, "
              "html_body text, error text)), "
              "queued AS (INSERT INTO notification.deliveries (event_id, user_id, channel, template_key, recipient, "
              "subject, text_body, html_body, status, attempts, last_error, sent_at) "
              "SELECT event_id, user_id, channel, NULLIF(template_key, ''), recipient, subject, text_body, html_body, "
              "CASE WHEN error <> '' THEN 'failed' WHEN channel = 'in_app' THEN 'sent' ELSE 'queued' END, "
              "CASE WHEN channel = 'in_app' THEN 1 ELSE 0 END, error, "
              "CASE WHEN error = '' AND channel = 'in_app' THEN now() END FROM wanted "
              "ON CONFLICT (event_id, user_id, channel) DO NOTHING "
              "RETURNING id, user_id, channel, status, subject, text_body), "
              "shown AS (INSERT INTO notification.in_app (user_id, delivery_id, title, body) "
              "SELECT user_id, id, subject, text_body FROM queued WHERE channel = 'in_app' AND status = 'sent') "
              "SELECT id::text FROM queued",
       soci::use(rows_json, "rows"));
  for (const auto& id : ids) queued.push_back(id);
  return queued;
}

std::vector<Delivery> NotificationStore::claim_due(std::int64_t lease_ms, int limit) {
  std::vector<Delivery> claimed;
  // UPDATE ... RETURNING has no order of its own: the rank keeps the longest due first.
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare
           << "WITH due AS (SELECT id AS due_id, next_attempt_at AS due_at FROM notification.deliveries "
              "WHERE status = 'queued' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT :limit "
              "FOR UPDATE SKIP LOCKED), "
              "ranked AS (SELECT due_id, row_number() OVER (ORDER BY due_at, due_id) AS due_rank FROM due), "
              "claimed AS (UPDATE notification.deliveries SET attempts = attempts + 1, "
              "next_attempt_at = now() + make_interval(secs => :lease / 1000.0) FROM ranked WHERE id = ranked.due_id "
              "RETURNING " + kDeliveryColumns + ", ranked.due_rank) "
              "SELECT * FROM claimed ORDER BY due_rank",
       soci::use(limit, "limit"), soci::use(lease_ms, "lease"));
  for (const auto& row : rows) claimed.push_back(read_delivery(row));
  return claimed;
}

void NotificationStore::record(const std::vector<DeliveryOutcome>& outcomes) {
  if (outcomes.empty()) return;
  boost::json::array list;
  for (const auto& o : outcomes) {
    list.push_back(boost::json::object{{"id", o.id},
                                       {"status", o.status},
                                       {"error", o.error},
                                       {"delay_ms", o.delay_ms},
                                       {"attempted", o.attempted}});
  }
  const std::string outcomes_json = boost::json::serialize(list);
  // A sent row keeps its next_attempt_at (nothing is due any more); one handed
  // back unsent keeps its last error and gets its attempt back. Planned each
  // call: a plan cached while the table was small joins the batch by hashing
  // a sequential scan of every delivery ever queued.
  tx_.sql() << std::string(kernel::kPlannedEachCall) +
                   "UPDATE notification.deliveries AS d SET status = o.status, "
               "last_error = CASE WHEN o.attempted THEN o.error ELSE d.last_error END, "
               "attempts = CASE WHEN o.attempted THEN d.attempts ELSE d.attempts - 1 END, "
               "sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END, "
               "next_attempt_at = CASE WHEN o.status = 'sent' THEN d.next_attempt_at "
               "ELSE now() + make_interval(secs => o.delay_ms / 1000.0) END "
               "FROM jsonb_to_recordset(CAST(:outcomes AS jsonb)) "
               "AS o(id uuid, status text, error text, delay_ms bigint, attempted boolean) WHERE d.id = o.id",
      soci::use(outcomes_json, "outcomes");
}

Page<Delivery> NotificationStore::deliveries(const std::string& status, const kernel::PageRequest& page) {
  Page<Delivery> out;
  tx_.sql() << "SELECT count(*) FROM notification.deliveries WHERE (:status = '' OR status = :status2)",
      soci::use(status, "status"), soci::use(status, "status2"), soci::into(out.total);
  auto limit = page.per_page;
  auto offset = page.offset();
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kDeliveryColumns +
                                " FROM notification.deliveries WHERE (:status = '' OR status = :status2) "
                                "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset",
       soci::use(status, "status"), soci::use(status, "status2"), soci::use(limit, "limit"),
       soci::use(offset, "offset"));
  for (const auto& row : rows) out.items.push_back(read_delivery(row));
  return out;
}

std::optional<Delivery> NotificationStore::find_delivery(const std::string& id) {
  if (!is_uuid(id)) return std::nullopt;
  soci::row row;
  tx_.sql() << "SELECT " + kDeliveryColumns + " FROM notification.deliveries WHERE id = CAST(:id AS uuid)",
      soci::use(id, "id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_delivery(row);
}

bool NotificationStore::retry(const std::string& id) {
  if (!is_uuid(id)) return false;
  std::string found;
  tx_.sql() << "UPDATE notification.deliveries SET status = 'queued', attempts = 0, next_attempt_at = now() "
               "WHERE id = CAST(:id AS uuid) AND status = 'failed' RETURNING id::text",
      soci::use(id, "id"), soci::into(found);
  return tx_.sql().got_data();
}

Page<InAppNotification> NotificationStore::in_app(const std::string& user_id, const kernel::PageRequest& page) {
  Page<InAppNotification> out;
  tx_.sql() << "SELECT count(*) FROM notification.in_app WHERE user_id = :user_id", soci::use(user_id, "user_id"),
      soci::into(out.total);
  auto limit = page.per_page;
  auto offset = page.offset();
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kInAppColumns +
                                " FROM notification.in_app WHERE user_id = :user_id "
                                "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
       soci::use(user_id, "user_id"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  for (const auto& row : rows) out.items.push_back(read_in_app(row));
  return out;
}

std::optional<InAppNotification> NotificationStore::mark_read(const std::string& id, const std::string& user_id) {
  if (!is_uuid(id)) return std::nullopt;
  soci::row row;
  tx_.sql() << "UPDATE notification.in_app SET read_at = COALESCE(read_at, now()) "
               "WHERE id = CAST(:id AS uuid) AND user_id = :user_id RETURNING " + kInAppColumns,
      soci::use(id, "id"), soci::use(user_id, "user_id"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_in_app(row);
}

std::vector<InAppNotification> NotificationStore::all_in_app(const std::string& user_id) {
  std::vector<InAppNotification> out;
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kInAppColumns +
                                " FROM notification.in_app WHERE user_id = :user_id ORDER BY created_at DESC, id DESC",
       soci::use(user_id, "user_id"));
  for (const auto& row : rows) out.push_back(read_in_app(row));
  return out;
}

void NotificationStore::erase_user(const std::string& user_id) {
  tx_.sql() << "DELETE FROM notification.in_app WHERE user_id = :user_id", soci::use(user_id, "user_id");
  tx_.sql() << "DELETE FROM notification.preferences WHERE user_id = :user_id", soci::use(user_id, "user_id");
  tx_.sql() << "UPDATE notification.deliveries SET recipient = '', subject = '', text_body = '', html_body = '', "
               "status = CASE WHEN status = 'queued' THEN 'failed' ELSE status END, "
               "last_error = CASE WHEN status = 'queued' THEN 'user erased' ELSE last_error END "
               "WHERE user_id = :user_id",
      soci::use(user_id, "user_id");
}

Preferences NotificationStore::preferences(const std::string& user_id) {
  auto stored = preferences_of({user_id});
  if (stored.empty()) return {};
  return std::move(stored.begin()->second);
}

std::map<std::string, Preferences, std::less<>> NotificationStore::preferences_of(
    const std::vector<std::string>& user_ids) {
  std::map<std::string, Preferences, std::less<>> stored;
  if (user_ids.empty()) return stored;
  const std::string ids = json_list(user_ids);
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT user_id, CAST(email AS integer), CAST(sms AS integer), CAST(in_app AS integer), "
                            "CAST(account AS integer), CAST(orders AS integer), CAST(stock AS integer), "
                            "notification.rfc3339(updated_at) FROM notification.preferences WHERE user_id = " +
                                kAnyOfIds,
       soci::use(ids, "ids"));
  for (const auto& row : rows) {
    stored.emplace(row.get<std::string>(0),
                   Preferences{row.get<int>(1) != 0, row.get<int>(2) != 0, row.get<int>(3) != 0,
                               row.get<int>(4) != 0, row.get<int>(5) != 0, row.get<int>(6) != 0,
                               row.get<std::string>(7)});
  }
  return stored;
}

Preferences NotificationStore::save_preferences(const std::string& user_id, const Preferences& p) {
  int email = p.email, sms = p.sms, in_app = p.in_app, account = p.account, orders = p.orders, stock = p.stock;
  tx_.sql() << "INSERT INTO notification.preferences (user_id, email, sms, in_app, account, orders, stock) "
               "VALUES (:user_id, :email <> 0, :sms <> 0, :in_app <> 0, :account <> 0, :orders <> 0, :stock <> 0) "
               "ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, sms = EXCLUDED.sms, "
               "in_app = EXCLUDED.in_app, account = EXCLUDED.account, orders = EXCLUDED.orders, "
               "stock = EXCLUDED.stock, updated_at = now()",
      soci::use(user_id, "user_id"), soci::use(email, "email"), soci::use(sms, "sms"), soci::use(in_app, "in_app"),
      soci::use(account, "account"), soci::use(orders, "orders"), soci::use(stock, "stock");
  return preferences(user_id);
}

}  // namespace emporium::notification
