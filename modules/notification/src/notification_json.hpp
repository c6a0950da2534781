#pragma once
// The notification module's JSON shapes.
#include <boost/json/object.hpp>

#include "notification_types.hpp"
#include "template_render.hpp"

namespace emporium::notification {

boost::json::object in_app_json(const InAppNotification& n);
boost::json::object delivery_json(const Delivery& d);
boost::json::object preferences_json(const Preferences& p);
boost::json::object template_json(const Template& t);

}  // namespace emporium::notification
