#pragma once
// Every SQL statement of the notification module, in one unit of work.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "notification_types.hpp"
#include "template_render.hpp"

namespace emporium::notification {

struct NewDelivery {
  std::string event_id;  // with user and channel: queued at most once
  std::string user_id;
  std::string channel;
  std::string template_key;
  std::string recipient;
  std::string subject;
  std::string text_body;
  std::string html_body;
  std::string failed_error;  // non-empty: recorded as failed at once (a render error)
};

// What became of one claimed delivery; `record` writes a batch of them.
struct DeliveryOutcome {
  std::string id;
  std::string status;  // sent | queued: tried again after delay_ms | failed: for good
  std::string error;   // why it was not sent
  std::int64_t delay_ms = 0;
  // False: handed back unsent (its lease was running out), so the claim's attempt does not count.
  bool attempted = true;
};

template <class T>
struct Page {
  std::int64_t total = 0;
  std::vector<T> items;
};

class NotificationStore {
 public:
  explicit NotificationStore(kernel::Tx& tx) : tx_(tx) {}

  std::optional<Template> find_template(const std::string& key);
  // The templates among `keys` that exist, by key, in one statement.
  std::map<std::string, Template, std::less<>> find_templates(const std::vector<std::string>& keys);
  bool update_template(const Template& t);  // false: no template with that key

  // The new delivery's id, or nullopt when (event, user, channel) was queued before.
  // An in-app delivery is stored with its notification and is sent at once.
  std::optional<std::string> queue(const NewDelivery& delivery);
  // `queue` for many deliveries in one statement: the ids of those queued now, in no particular order.
  std::vector<std::string> queue_many(const std::vector<NewDelivery>& deliveries);

  // Claims up to `limit` due email/SMS deliveries, the longest due first: counts
  // the attempt and moves next_attempt_at by `lease_ms`, so a crash mid-send
  // retries after the lease. SKIP LOCKED: concurrent claims never share a row.
  std::vector<Delivery> claim_due(std::int64_t lease_ms, int limit);
  // The outcomes of claimed deliveries, all in one statement.
  void record(const std::vector<DeliveryOutcome>& outcomes);

  Page<Delivery> deliveries(const std::string& status, const kernel::PageRequest& page);
  std::optional<Delivery> find_delivery(const std::string& id);
  // A failed delivery back to queued with its attempts reset; false otherwise.
  bool retry(const std::string& id);

  Page<InAppNotification> in_app(const std::string& user_id, const kernel::PageRequest& page);
  // The notification read now (or when first read); nullopt when not the user's.
  std::optional<InAppNotification> mark_read(const std::string& id, const std::string& user_id);

  // GDPR: the user's in-app notifications, all of them, newest first.
  std::vector<InAppNotification> all_in_app(const std::string& user_id);
  // GDPR erasure: in-app notifications and preferences go, deliveries keep
  // only their ids, channel and status (a queued one is failed, never sent).
  void erase_user(const std::string& user_id);

  Preferences preferences(const std::string& user_id);
  // The stored preferences of those among `user_ids` who have any, by user, in one statement.
  std::map<std::string, Preferences, std::less<>> preferences_of(const std::vector<std::string>& user_ids);
  Preferences save_preferences(const std::string& user_id, const Preferences& preferences);

 private:
  kernel::Tx& tx_;
};

bool is_uuid(const std::string& text);

}  // namespace emporium::notification
