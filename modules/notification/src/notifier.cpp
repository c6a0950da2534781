#include "notifier.hpp"

#include "emporium/kernel/log.hpp"
#include "notification_store.hpp"

namespace emporium::notification {
namespace {

bool wanted(const Preferences& p, const std::string& channel, Category category) {
  bool category_on = category == Category::account ? p.account : category == Category::orders ? p.orders : p.stock;
  bool channel_on = channel == "email" ? p.email : channel == "sms" ? p.sms : p.in_app;
  return category_on && channel_on;
}

}  // namespace

std::vector<std::string> notify_many(kernel::Tx& tx, const std::vector<Addressed>& notices) {
  if (notices.empty()) return {};
  NotificationStore store(tx);
  std::vector<std::string> keys;
  std::vector<std::string> asked;  // whose preferences count
  for (const auto& [to, notice] : notices) {
    keys.push_back(notice.template_key);
    if (!notice.transactional) asked.push_back(to.user_id);
  }
  const auto templates = store.find_templates(keys);
  const auto preferences = store.preferences_of(asked);
  const Preferences all_on;

  std::vector<NewDelivery> deliveries;
  for (const auto& [to, notice] : notices) {
    auto t = templates.find(notice.template_key);
    if (t == templates.end()) {
      kernel::log::error("notification", "no such template", {{"template", notice.template_key}});
      continue;
    }
    TemplateData data = notice.data;
    data.emplace("name", to.name);
    data.emplace("email", to.email);
    Rendered rendered;
    std::string failure;
    if (auto error = render(t->second, data, rendered)) {
      failure = "template '" + t->first + "' refers to variable '" + error->variable + "' which the event does not carry";
      rendered = {t->second.subject, t->second.text_body, t->second.html_body};
    }
    auto stored = preferences.find(to.user_id);
    const Preferences& wishes = stored == preferences.end() ? all_on : stored->second;
    for (const auto& channel : notice.channels) {
      if (!notice.transactional && !wanted(wishes, channel, notice.category)) continue;
      deliveries.push_back({notice.event_id, to.user_id, channel, t->first, channel == "email" ? to.email : to.user_id,
                            rendered.subject, rendered.text_body, channel == "email" ? rendered.html_body : "",
                            failure});
    }
  }
  return store.queue_many(deliveries);
}

std::vector<std::string> notify(kernel::Tx& tx, const Recipient& to, const Notice& notice) {
  return notify_many(tx, {{to, notice}});
}

}  // namespace emporium::notification
