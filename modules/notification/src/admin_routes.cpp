#include <boost/json/serialize.hpp>

#include <random>

#include "emporium/kernel/handler_support.hpp"
#include "notification_json.hpp"
#include "notification_store.hpp"
#include "notifier.hpp"
#include "routes.hpp"

namespace emporium::notification {
namespace {

using kernel::http::Request;
using kernel::http::Response;
using kernel::Role;

// The idempotency key of a delivery an admin asked for: a fresh one per request.
std::string request_event_id() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "admin:";
  for (int i = 0; i < 32; ++i) out += kDigits[generator() % 16];
  return out;
}

bool known_channel(const std::string& channel) {
  return channel == "email" || channel == "sms" || channel == "in_app";
}

Response queued_response(RouteDeps& deps, const std::string& id) {
  auto delivery = deps.db.transact(deps.module, [&](kernel::Tx& tx) { return NotificationStore(tx).find_delivery(id); });
  deps.worker.wake();
  return kernel::json_response(202, delivery_json(*delivery));
}

// Template data: an object of strings, numbers or booleans, as text.
std::optional<TemplateData> read_data(kernel::JsonBody& body) {
  TemplateData data;
  const auto* value = body.value("data", false);
  if (value == nullptr) return data;
  if (!value->is_object()) {
    body.add_error("data", "must be an object");
    return std::nullopt;
  }
  for (const auto& [key, item] : value->as_object()) {
    if (item.is_string()) data.emplace(std::string(key), std::string(item.as_string()));
    else if (item.is_number() || item.is_bool()) data.emplace(std::string(key), boost::json::serialize(item));
    else body.add_error("data." + std::string(key), "must be a string, number or boolean");
  }
  return data;
}

}  // namespace

void add_admin_routes(kernel::Router& router, RouteDeps deps) {
  router.add("POST", "/api/v1/notifications/send", [deps](Request& request) mutable {
    return kernel::with_caller(deps.auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
        auto user_id = body.string("user_id", {true, 1, 100});
        auto channel = body.string("channel", {true, 1, 20});
        auto subject = body.string("subject", {true, 1, 500});
        auto text = body.string("body", {true, 1, 100000});
        if (channel && !known_channel(*channel)) body.add_error("channel", "must be email, sms or in_app");
        if (auto problem = body.finish()) return kernel::reply(request, *problem);
        auto user = deps.users.find(*user_id);
        if (!user) return kernel::reply(request, kernel::Problem::not_found("No such user."));
        NewDelivery delivery{request_event_id(), user->id, *channel, "", *channel == "email" ? user->email : user->id,
                             *subject, *text, "", ""};
        auto id = deps.db.transact(deps.module, [&](kernel::Tx& tx) { return NotificationStore(tx).queue(delivery); });
        return queued_response(deps, *id);
      });
    });
  });

  router.add("POST", "/api/v1/notifications/send-template", [deps](Request& request) mutable {
    return kernel::with_caller(deps.auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
        auto user_id = body.string("user_id", {true, 1, 100});
        auto key = body.string("template", {true, 1, 100});
        auto channel = body.string("channel", {false, 1, 20});
        auto data = read_data(body);
        if (channel && !known_channel(*channel)) body.add_error("channel", "must be email, sms or in_app");
        if (auto problem = body.finish()) return kernel::reply(request, *problem);
        auto user = deps.users.find(*user_id);
        if (!user) return kernel::reply(request, kernel::Problem::not_found("No such user."));
        auto response = deps.db.transact(deps.module, [&](kernel::Tx& tx) -> Response {
          NotificationStore store(tx);
          auto t = store.find_template(*key);
          if (!t) return kernel::reply(request, kernel::Problem::not_found("No such template."));
          TemplateData all = *data;
          all.emplace("name", user->name);
          all.emplace("email", user->email);
          Rendered rendered;
          if (auto error = render(*t, all, rendered)) {
            return kernel::reply(request, kernel::Problem::validation(
                                              {{"data." + error->variable, "the template '" + t->key +
                                                                               "' refers to the variable '" +
                                                                               error->variable + "', which is missing"}}));
          }
          std::string ch = channel.value_or("email");
          NewDelivery delivery{request_event_id(), user->id, ch, t->key, ch == "email" ? user->email : user->id,
                               rendered.subject, rendered.text_body, ch == "email" ? rendered.html_body : "", ""};
          auto id = store.queue(delivery);
          auto queued = store.find_delivery(*id);
          return kernel::json_response(202, delivery_json(*queued));
        });
        deps.worker.wake();  // after the commit, so that the worker sees the row
        return response;
      });
    });
  });

  router.add("GET", "/api/v1/notifications/templates/{key}", [deps](Request& request) {
    return kernel::with_caller(deps.auth, request, {Role::admin}, [&](const kernel::Principal&) {
      std::string key(request.param("key"));
      auto t = deps.db.transact(deps.module, [&](kernel::Tx& tx) { return NotificationStore(tx).find_template(key); });
      if (!t) return kernel::reply(request, kernel::Problem::not_found("No such template."));
      return kernel::json_response(200, template_json(*t));
    });
  });

  router.add("PUT", "/api/v1/notifications/templates/{key}", [deps](Request& request) {
    return kernel::with_caller(deps.auth, request, {Role::admin}, [&](const kernel::Principal&) {
      return kernel::with_json_body(request, [&](kernel::JsonBody& body) {
        Template t;
        t.key = std::string(request.param("key"));
        auto subject = body.string("subject", {true, 1, 500});
        auto text = body.string("text_body", {true, 1, 100000});
        auto html = body.string("html_body", {true, 0, 200000});
        if (auto problem = body.finish()) return kernel::reply(request, *problem);
        if (!known_variables(t.key)) return kernel::reply(request, kernel::Problem::not_found("No such template."));
        t.subject = *subject;
        t.text_body = *text;
        t.html_body = *html;
        std::vector<kernel::FieldError> errors;
        for (const auto& name : unknown_variables(t)) {
          errors.push_back({"variables." + name, "the '" + t.key + "' notification does not carry the variable '" +
                                                     name + "'"});
        }
        if (!errors.empty()) return kernel::reply(request, kernel::Problem::validation(std::move(errors)));
        auto saved = deps.db.transact(deps.module, [&](kernel::Tx& tx) {
          NotificationStore store(tx);
          store.update_template(t);
          return store.find_template(t.key);
        });
        if (!saved) return kernel::reply(request, kernel::Problem::not_found("No such template."));
        return kernel::json_response(200, template_json(*saved));
      });
    });
  });

  router.add("GET", "/api/v1/notifications/deliveries", [deps](Request& request) {
    return kernel::with_caller(deps.auth, request, {Role::admin}, [&](const kernel::Principal&) {
      std::string status(request.query_param("status").value_or(""));
      if (!status.empty() && status != "queued" && status != "sent" && status != "failed") {
        return kernel::reply(request, kernel::Problem::bad_request("invalid_query",
                                                                   "status must be queued, sent or failed"));
      }
      return kernel::with_page(request, [&](const kernel::PageRequest& page) {
        auto found = deps.db.transact(deps.module,
                                      [&](kernel::Tx& tx) { return NotificationStore(tx).deliveries(status, page); });
        return kernel::page_response(found.total, found.items, page, delivery_json);
      });
    });
  });

  router.add("POST", "/api/v1/notifications/deliveries/{id}/retry", [deps](Request& request) mutable {
    return kernel::with_caller(deps.auth, request, {Role::admin}, [&](const kernel::Principal&) {
      std::string id(request.param("id"));
      auto outcome = deps.db.transact(deps.module, [&](kernel::Tx& tx) -> std::optional<bool> {
        NotificationStore store(tx);
        auto found = store.find_delivery(id);
        if (!found) return std::nullopt;
        return store.retry(id);
      });
      if (!outcome) return kernel::reply(request, kernel::Problem::not_found("No such delivery."));
      if (!*outcome) {
        return kernel::reply(request, kernel::Problem::conflict("delivery_not_failed",
                                                                "Only a failed delivery can be retried."));
      }
      return queued_response(deps, id);
    });
  });
}

}  // namespace emporium::notification
