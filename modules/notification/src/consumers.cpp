#include "consumers.hpp"

#include <string>

#include "emporium/user/events.hpp"
#include "event_payload.hpp"
#include "notification_store.hpp"
#include "notifier.hpp"
#include "order_notices.hpp"

namespace emporium::notification {
namespace {

// The inventory's event, by name (events need no module dependency):
// {"variant_id", "product_id", "seller_id", "available", "threshold"}.
constexpr const char* kLowStock = "inventory.low_stock";

}  // namespace

void subscribe_consumers(kernel::ModuleContext& context, const kernel::ModuleId& module, user::Users& users) {
  context.bus.subscribe(module, "notification.on_user_registered", std::string(user::kUserRegistered),
                        [](const kernel::Event& event, kernel::Tx& tx) {
                          auto e = user::user_registered_from_json(payload_of(event));
                          notify(tx, {e.user_id, e.email, e.name},
                                 {event.id, "welcome", {}, Category::account, false, {"email", "in_app"}});
                        });

  context.bus.subscribe(module, "notification.on_password_reset_requested",
                        std::string(user::kPasswordResetRequested), [](const kernel::Event& event, kernel::Tx& tx) {
                          auto payload = payload_of(event);
                          auto e = user::password_reset_requested_from_json(payload);
                          // Transactional: preferences cannot switch it off.
                          notify(tx, {e.user_id, e.email, e.name},
                                 {event.id, "password_reset", data_of(payload, {"reset_token", "expires_at"}),
                                  Category::account, true, {"email"}});
                        });

  // GDPR erasure: see NotificationStore::erase_user.
  context.bus.subscribe(module, "notification.on_user_deleted", std::string(user::kUserDeleted),
                        [](const kernel::Event& event, kernel::Tx& tx) {
                          auto e = user::user_deleted_from_json(payload_of(event));
                          if (!e.user_id.empty()) NotificationStore(tx).erase_user(e.user_id);
                        });

  context.bus.subscribe(
      module, "notification.on_low_stock", kLowStock,
      [&users](const kernel::Event& event, kernel::Tx& tx) {
        auto payload = payload_of(event);
        auto data = data_of(payload, {"product_id", "variant_id", "available", "threshold"});
        std::vector<user::UserSummary> recipients = users.find_by_role(kernel::Role::admin);
        auto seller_id = text_of(payload, "seller_id");
        if (!seller_id.empty()) {
          if (auto seller = users.find(seller_id); seller && !seller->disabled) {
            bool listed = false;
            for (const auto& r : recipients) listed = listed || r.id == seller->id;
            if (!listed) recipients.push_back(*seller);
          }
        }
        std::vector<Addressed> notices;
        for (const auto& r : recipients) {
          notices.push_back({{r.id, r.email, r.name},
                             {event.id, "low_stock", data, Category::stock, false, {"email", "in_app"}}});
        }
        notify_many(tx, notices);
      });

  subscribe_on_order_placed(context.bus, module, users);
  subscribe_on_order_paid(context.bus, module, users);
  subscribe_on_order_shipped(context.bus, module, users);
  subscribe_on_order_cancelled(context.bus, module, users);
  subscribe_on_order_refunded(context.bus, module, users);
}

}  // namespace emporium::notification
