#pragma once
// Reading an event's JSON payload into template variables.
#include <boost/json/object.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

#include "emporium/kernel/events.hpp"
#include "template_render.hpp"

namespace emporium::notification {

// The payload as an object; throws (so the delivery is retried, then parked) when it is not one.
boost::json::object payload_of(const kernel::Event& event);

// A payload field as template text: strings as they are, numbers in decimal.
std::string text_of(const boost::json::object& payload, std::string_view field);

// An amount in minor units with the payload's "currency" as "19.90 USD" (two decimals, as on a receipt);
// empty when the field is missing, negative or not an integer.
std::string money_of(const boost::json::object& payload, std::string_view amount_field);

// Only fields the payload carries become variables, so a template asking
// for more fails visibly instead of rendering blanks.
TemplateData data_of(const boost::json::object& payload, std::initializer_list<std::string_view> fields);

}  // namespace emporium::notification
