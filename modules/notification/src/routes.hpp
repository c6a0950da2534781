#pragma once
// The notification module's HTTP endpoints.
#include "delivery_worker.hpp"
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/router.hpp"
#include "emporium/user/users.hpp"

namespace emporium::notification {

struct RouteDeps {
  kernel::Database& db;
  const kernel::ModuleId& module;
  const kernel::Auth& auth;
  user::Users& users;
  DeliveryWorker& worker;
};

// GET /notifications, POST /notifications/{id}/read, GET|PUT /notifications/preferences.
void add_inbox_routes(kernel::Router& router, RouteDeps deps);
// Admin: send, send-template, templates, deliveries and their retry.
void add_admin_routes(kernel::Router& router, RouteDeps deps);

}  // namespace emporium::notification
