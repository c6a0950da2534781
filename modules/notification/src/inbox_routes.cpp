#include "emporium/kernel/handler_support.hpp"
#include "notification_json.hpp"
#include "notification_store.hpp"
#include "routes.hpp"

namespace emporium::notification {

using kernel::http::Request;

void add_inbox_routes(kernel::Router& router, RouteDeps deps) {
  router.add("GET", "/api/v1/notifications", [deps](Request& request) {
    return kernel::with_caller(deps.auth, request, {}, [&](const kernel::Principal& caller) {
      return kernel::with_page(request, [&](const kernel::PageRequest& page) {
        auto found = deps.db.transact(deps.module,
                                      [&](kernel::Tx& tx) { return NotificationStore(tx).in_app(caller.user_id, page); });
        return kernel::page_response(found.total, found.items, page, in_app_json);
      });
    });
  });

  router.add("POST", "/api/v1/notifications/{id}/read", [deps](Request& request) {
    return kernel::with_caller(deps.auth, request, {}, [&](const kernel::Principal& caller) {
      std::string id(request.param("id"));
      auto read = deps.db.transact(deps.module,
                                   [&](kernel::Tx& tx) { return NotificationStore(tx).mark_read(id, caller.user_id); });
      if (!read) return kernel::reply(request, kernel::Problem::not_found("No such notification."));
      return kernel::json_response(200, in_app_json(*read));
    });
  });

  router.add("GET", "/api/v1/notifications/preferences", [deps](Request& request) {
    return kernel::with_caller(deps.auth, request, {}, [&](const kernel::Principal& caller) {
      auto found = deps.db.transact(deps.module,
                                    [&](kernel::Tx& tx) { return NotificationStore(tx).preferences(caller.user_id); });
      return kernel::json_response(200, preferences_json(found));
    });
  });

  router.add("PUT", "/api/v1/notifications/preferences", [deps](Request& request) {
    return kernel::with_caller(deps.auth, request, {}, [&](const kernel::Principal& caller) {
      return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
        return deps.db.transact(deps.module, [&](kernel::Tx& tx) {
          NotificationStore store(tx);
          auto preferences = store.preferences(caller.user_id);
          // Both groups optional; within a group, each switch optional.
          auto read_group = [&](const char* group, std::initializer_list<std::pair<const char*, bool*>> switches) {
            const auto* value = body.value(group, false);
            if (value == nullptr) return;
            if (!value->is_object()) return body.add_error(group, "must be an object");
            for (const auto& [key, item] : value->as_object()) {
              bool known = false;
              for (const auto& [name, target] : switches) {
                if (key != name) continue;
                known = true;
                if (item.is_bool()) *target = item.as_bool();
                else body.add_error(std::string(group) + "." + name, "must be true or false");
              }
              if (!known) body.add_error(std::string(group) + "." + std::string(key), "is not a known switch");
            }
          };
          read_group("channels",
                     {{"email", &preferences.email}, {"sms", &preferences.sms}, {"in_app", &preferences.in_app}});
          read_group("categories", {{"account", &preferences.account}, {"orders", &preferences.orders},
                                    {"stock", &preferences.stock}});
          if (auto problem = body.finish()) {
            tx.rollback_only();
            return kernel::reply(request, *problem);
          }
          return kernel::json_response(200, preferences_json(store.save_preferences(caller.user_id, preferences)));
        });
      });
    });
  });
}

}  // namespace emporium::notification
