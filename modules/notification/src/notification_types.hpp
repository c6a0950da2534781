#pragma once
// Rows of the notification schema as the module passes them around.
#include <string>

namespace emporium::notification {

struct Delivery {
  std::string id;
  std::string user_id;
  std::string channel;  // email | sms | in_app
  std::string template_key;  // empty for an admin's free text
  std::string recipient;
  std::string subject;
  std::string text_body;
  std::string html_body;
  std::string status;  // queued | sent | failed
  int attempts = 0;
  std::string last_error;
  std::string next_attempt_at;
  std::string created_at;
  std::string sent_at;  // empty until sent
};

struct InAppNotification {
  std::string id;
  std::string title;
  std::string body;
  std::string read_at;  // empty while unread
  std::string created_at;
};

// Absent row: all on.
struct Preferences {
  bool email = true;
  bool sms = true;
  bool in_app = true;
  bool account = true;
  bool orders = true;
  bool stock = true;
  std::string updated_at;
};

}  // namespace emporium::notification
