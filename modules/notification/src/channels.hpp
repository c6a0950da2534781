#pragma once
// The channels a delivery goes out on, behind one interface. In-app
// notifications are rows written when the delivery is queued, so only email
// and SMS have a sender.
#include <memory>
#include <string>

#include "notification_config.hpp"

namespace emporium::notification {

struct Outgoing {
  std::string delivery_id;
  std::string recipient;  // email address or phone number
  std::string subject;
  std::string text_body;
  std::string html_body;
};

struct SendOutcome {
  bool sent = false;
  std::string error;  // when not sent
};

class Channel {
 public:
  virtual ~Channel() = default;
  virtual SendOutcome send(const Outgoing& message) = 0;
};

// Email: SMTP through libcurl when smtp_url is set, else an .eml file per
// message under <data_dir>/mail/.
std::unique_ptr<Channel> make_email_channel(const NotificationConfig& config);

// SMS providers implement Channel; the dev provider appends to <data_dir>/sms.log.
std::unique_ptr<Channel> make_dev_sms_provider(const std::string& data_dir);

}  // namespace emporium::notification
