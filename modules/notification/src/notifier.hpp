#pragma once
// Turns "tell this user X" into delivery rows: renders the template, honours
// the user's preferences (unless the message is transactional) and queues one
// delivery per channel, at most once per (event, user, channel).
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "template_render.hpp"

namespace emporium::notification {

enum class Category { account, orders, stock };

struct Recipient {
  std::string user_id;
  std::string email;
  std::string name;
};

struct Notice {
  std::string event_id;
  std::string template_key;
  TemplateData data;  // name and email of the recipient are added
  Category category = Category::account;
  bool transactional = false;  // ignores preferences (password reset)
  std::vector<std::string> channels;  // "email", "in_app", "sms"
};

struct Addressed {
  Recipient to;
  Notice notice;
};

// Queues each notice for its recipient in `tx`, with a constant number of
// statements however many there are: one read of their templates, one of
// their recipients' preferences, one write of all deliveries. A template
// that refers to a variable the data lacks queues each delivery as failed,
// naming the variable. Returns the ids of the deliveries queued now.
std::vector<std::string> notify_many(kernel::Tx& tx, const std::vector<Addressed>& notices);

// One notice: notify_many of one.
std::vector<std::string> notify(kernel::Tx& tx, const Recipient& to, const Notice& notice);

}  // namespace emporium::notification
