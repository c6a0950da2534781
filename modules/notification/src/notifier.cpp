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

std::vector<std::string> notify(kernel::Tx& tx, const Recipient& to, const Notice& notice) {
  NotificationStore store(tx);
  std::vector<std::string> queued;
  auto preferences = store.preferences(to.user_id);
  auto t = store.find_template(notice.template_key);
  if (!t) {
    kernel::log::error("notification", "no such template", {{"template", notice.template_key}});
    return queued;
  }
  TemplateData data = notice.data;
  data.emplace("name", to.name);
  data.emplace("email", to.email);
  Rendered rendered;
  std::string failure;
  if (auto error = render(*t, data, rendered)) {
    failure = "template '" + t->key + "' refers to variable '" + error->variable + "' which the event does not carry";
    rendered = {t->subject, t->text_body, t->html_body};
  }
  for (const auto& channel : notice.channels) {
    if (!notice.transactional && !wanted(preferences, channel, notice.category)) continue;
    NewDelivery delivery{notice.event_id, to.user_id, channel, t->key,
                         channel == "email" ? to.email : to.user_id,
                         rendered.subject, rendered.text_body, channel == "email" ? rendered.html_body : "",
                         failure};
    if (auto id = store.queue(delivery)) queued.push_back(*id);
  }
  return queued;
}

}  // namespace emporium::notification
