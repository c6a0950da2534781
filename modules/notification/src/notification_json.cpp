#include "notification_json.hpp"

#include <boost/json/array.hpp>

namespace emporium::notification {
namespace {

boost::json::value or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::string(text);
}

}  // namespace

boost::json::object in_app_json(const InAppNotification& n) {
  return {{"id", n.id}, {"title", n.title}, {"body", n.body}, {"read", !n.read_at.empty()},
          {"read_at", or_null(n.read_at)}, {"created_at", n.created_at}};
}

boost::json::object delivery_json(const Delivery& d) {
  return {{"id", d.id}, {"user_id", d.user_id}, {"channel", d.channel}, {"template", or_null(d.template_key)},
          {"recipient", d.recipient}, {"subject", d.subject}, {"status", d.status}, {"attempts", d.attempts},
          {"last_error", or_null(d.last_error)}, {"next_attempt_at", d.next_attempt_at},
          {"created_at", d.created_at}, {"sent_at", or_null(d.sent_at)}};
}

boost::json::object preferences_json(const Preferences& p) {
  return {{"channels", {{"email", p.email}, {"sms", p.sms}, {"in_app", p.in_app}}},
          {"categories", {{"account", p.account}, {"orders", p.orders}, {"stock", p.stock}}},
          {"always_sent", boost::json::array{"password_reset"}},
          {"updated_at", or_null(p.updated_at)}};
}

boost::json::object template_json(const Template& t) {
  boost::json::array variables;
  for (const auto& name : known_variables(t.key).value_or(std::set<std::string>{})) variables.emplace_back(name);
  return {{"key", t.key}, {"subject", t.subject}, {"text_body", t.text_body}, {"html_body", t.html_body},
          {"variables", variables}, {"updated_at", t.updated_at}};
}

}  // namespace emporium::notification
