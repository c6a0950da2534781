#include "notification_store.hpp"

#include <cctype>

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
  Template t;
  tx_.sql() << "SELECT key, subject, text_body, html_body, notification.rfc3339(updated_at) "
               "FROM notification.templates WHERE key = :key",
      soci::use(key, "key"), soci::into(t.key), soci::into(t.subject), soci::into(t.text_body),
      soci::into(t.html_body), soci::into(t.updated_at);
  if (!tx_.sql().got_data()) return std::nullopt;
  return t;
}

bool NotificationStore::update_template(const Template& t) {
  std::string key;
  tx_.sql() << "UPDATE notification.templates SET subject = :subject, text_body = :text, html_body = :html, "
               "updated_at = now() WHERE key = :key RETURNING key",
      soci::use(t.subject, "subject"), soci::use(t.text_body, "text"), soci::use(t.html_body, "html"),
      soci::use(t.key, "key"), soci::into(key);
  return tx_.sql().got_data();
}

std::optional<std::string> NotificationStore::queue(const NewDelivery& d) {
  bool in_app = d.channel == "in_app";
  std::string status = !d.failed_error.empty() ? "failed" : in_app ? "sent" : "queued";
  int attempts = in_app ? 1 : 0;
  std::string id;
  std::string template_key = d.template_key;
  soci::indicator key_indicator = template_key.empty() ? soci::i_null : soci::i_ok;
  tx_.sql() << "INSERT INTO notification.deliveries (event_id, user_id, channel, template_key, recipient, subject, "
               "text_body, html_body, status, attempts, last_error, sent_at) "
               "VALUES (:event_id, :user_id, :channel, :template_key, :recipient, :subject, :text, :html, :status, "
               ":attempts, :error, CASE WHEN :status2 = 'sent' THEN now() END) "
               "ON CONFLICT (event_id, user_id, channel) DO NOTHING RETURNING id::text",
      soci::use(d.event_id, "event_id"), soci::use(d.user_id, "user_id"), soci::use(d.channel, "channel"),
      soci::use(template_key, key_indicator, "template_key"), soci::use(d.recipient, "recipient"),
      soci::use(d.subject, "subject"), soci::use(d.text_body, "text"), soci::use(d.html_body, "html"),
      soci::use(status, "status"), soci::use(attempts, "attempts"), soci::use(d.failed_error, "error"),
      soci::use(status, "status2"), soci::into(id);
  if (!tx_.sql().got_data()) return std::nullopt;
  if (in_app && d.failed_error.empty()) {
    tx_.sql() << "INSERT INTO notification.in_app (user_id, delivery_id, title, body) "
                 "VALUES (:user_id, CAST(:delivery AS uuid), :title, :body)",
        soci::use(d.user_id, "user_id"), soci::use(id, "delivery"), soci::use(d.subject, "title"),
        soci::use(d.text_body, "body");
  }
  return id;
}

std::optional<Delivery> NotificationStore::claim_due(std::int64_t lease_ms) {
  soci::row row;
  tx_.sql() << "WITH due AS (SELECT id AS due_id FROM notification.deliveries WHERE status = 'queued' "
               "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
               "UPDATE notification.deliveries SET attempts = attempts + 1, "
               "next_attempt_at = now() + make_interval(secs => :lease / 1000.0) FROM due WHERE id = due.due_id "
               "RETURNING " + kDeliveryColumns,
      soci::use(lease_ms, "lease"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_delivery(row);
}

void NotificationStore::mark_sent(const std::string& id) {
  tx_.sql() << "UPDATE notification.deliveries SET status = 'sent', sent_at = now(), last_error = '' "
               "WHERE id = CAST(:id AS uuid)",
      soci::use(id, "id");
}

void NotificationStore::mark_failed(const std::string& id, const std::string& error, bool final,
                                    std::int64_t delay_ms) {
  std::string status = final ? "failed" : "queued";
  tx_.sql() << "UPDATE notification.deliveries SET status = :status, last_error = :error, "
               "next_attempt_at = now() + make_interval(secs => :delay / 1000.0) WHERE id = CAST(:id AS uuid)",
      soci::use(status, "status"), soci::use(error, "error"), soci::use(delay_ms, "delay"), soci::use(id, "id");
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
  Preferences p;
  int email = 1, sms = 1, in_app = 1, account = 1, orders = 1, stock = 1;
  std::string updated_at;
  tx_.sql() << "SELECT CAST(email AS integer), CAST(sms AS integer), CAST(in_app AS integer), "
               "CAST(account AS integer), CAST(orders AS integer), CAST(stock AS integer), "
               "notification.rfc3339(updated_at) FROM notification.preferences WHERE user_id = :user_id",
      soci::use(user_id, "user_id"), soci::into(email), soci::into(sms), soci::into(in_app), soci::into(account),
      soci::into(orders), soci::into(stock), soci::into(updated_at);
  if (!tx_.sql().got_data()) return p;
  return {email != 0, sms != 0, in_app != 0, account != 0, orders != 0, stock != 0, updated_at};
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
