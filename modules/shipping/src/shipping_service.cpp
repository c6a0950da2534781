#include "shipping_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <stdexcept>

#include "emporium/cart/carts.hpp"
#include "emporium/kernel/log.hpp"
#include "emporium/shipping/events.hpp"
#include "emporium/shipping/shippable_orders.hpp"
#include "emporium_post.hpp"
#include "rate_selection.hpp"
#include "rate_store.hpp"
#include "shipment_store.hpp"
#include "shipping_module_id.hpp"

namespace emporium::shipping {
namespace {

constexpr int kTrackingAttempts = 5;

bool may_see(const kernel::Principal& caller, const std::string& customer_id) {
  return caller.role == kernel::Role::admin || caller.user_id == customer_id;
}

}  // namespace

std::string tracking_updated_payload(const Shipment& shipment, const std::string& occurred_at) {
  return boost::json::serialize(boost::json::object{{"shipment_id", shipment.id},
                                                    {"order_id", shipment.order_id},
                                                    {"tracking_number", shipment.tracking_number},
                                                    {"carrier", shipment.carrier},
                                                    {"service", shipment.service},
                                                    {"status", shipment.status},
                                                    {"occurred_at", occurred_at}});
}

ShippingService::ShippingService(kernel::Database& db, const kernel::Services& services, ShippingConfig config,
                                 std::shared_ptr<Carriers> carriers)
    : db_(db),
      services_(services),
      config_(std::move(config)),
      carriers_(std::move(carriers)),
      rates_feed_(db.connection_string(), std::string(kRatesChannel), rates_cache_, "shipping") {}

template <class Interface>
std::shared_ptr<Interface> ShippingService::lookup() const {
  try {
    return services_.get<Interface>();
  } catch (const std::logic_error&) {
    return nullptr;  // the providing module is not running in this process
  }
}

std::shared_ptr<const RateTable> ShippingService::rates() {
  if (auto cached = rates_cache_.get()) return cached;
  const auto ticket = rates_cache_.ticket();
  auto stored = db_.transact(shipping_module_id(), [](kernel::Tx& tx) {
    tx.commit_with_next_statement();
    return RateStore(tx).latest();
  });
  auto table = std::make_shared<RateTable>(config_.default_rates);
  if (stored) {
    // Stored only after validation; a table that no longer parses (a carrier
    // was removed from the build) is a deployment bug.
    auto parsed = parse_rate_table(boost::json::parse(stored->body).as_object(), carriers_->names());
    if (!parsed.table) {
      throw std::runtime_error("shipping: stored rate table " + std::to_string(stored->version) + " is invalid");
    }
    *table = std::move(*parsed.table);
    table->version = stored->version;
    table->updated_at = stored->created_at;
  }
  rates_cache_.put(table, ticket);
  return table;
}

std::variant<RateTable, std::vector<kernel::FieldError>> ShippingService::replace_rates(const boost::json::object& body,
                                                                                        const std::string& admin_id) {
  auto parsed = parse_rate_table(body, carriers_->names());
  if (!parsed.table) return std::move(parsed.errors);
  auto table = std::move(*parsed.table);
  const auto text = boost::json::serialize(rate_table_json(table, false));
  auto stored = db_.transact(shipping_module_id(), [&](kernel::Tx& tx) {
    kernel::notify_cache_change(tx, kRatesChannel, "rates");
    return RateStore(tx).insert(text, admin_id);
  });
  // The other instances drop their copies when the notification arrives.
  rates_cache_.invalidate();
  table.version = stored.version;
  table.updated_at = stored.created_at;
  return table;
}

kernel::Result<std::vector<ShippingOption>> ShippingService::quote(const Parcel& parcel) {
  return quote_options(*rates(), parcel, *carriers_);
}

kernel::Result<ShippingOption> ShippingService::option_for(const Parcel& parcel, const std::string& option_id) {
  return pick_option(*rates(), parcel, *carriers_, option_id);
}

std::optional<ShipmentSummary> ShippingService::shipment_for_order(const std::string& order_id) {
  auto found = db_.transact(shipping_module_id(), [&](kernel::Tx& tx) { return ShipmentStore(tx).find_by_order(order_id); });
  if (!found) return std::nullopt;
  return ShipmentSummary{found->id, found->order_id, found->tracking_number, found->carrier, found->status};
}

kernel::Result<std::vector<ShippingOption>> ShippingService::quote_cart(const std::string& cart_id,
                                                                        const std::string& user_id,
                                                                        const user::PostalAddress& address) {
  auto carts = lookup<cart::Carts>();
  if (!carts) return kernel::Error{"service_unavailable", "Carts are not available in this server."};
  auto cart = carts->checkout_view(cart_id, user_id);
  if (!cart) return cart.error();
  return quote(Parcel{address.country, cart->weight_grams, cart->subtotal_minor, cart->currency});
}

std::string ShippingService::service_name(const std::string& option_id, const std::string& service) {
  const auto table = rates();
  const auto zone_id = option_id.substr(0, option_id.find(':'));
  for (const auto& zone : table->zones) {
    if (zone.id != zone_id) continue;
    for (const auto& rate : zone.services) {
      if (rate.service == service) return rate.name;
    }
  }
  return service;
}

kernel::Result<Shipment> ShippingService::create_shipment(const std::string& order_id) {
  auto orders = lookup<ShippableOrders>();
  if (!orders) return kernel::Error{"service_unavailable", "Orders are not available in this server."};
  // The order module's own unit of work, before this module's: one pooled
  // connection at a time per request.
  auto order = orders->find(order_id);
  if (!order) return kernel::Error{"not_found", "No order " + order_id + "."};
  const std::string carrier_name = order->carrier.empty() ? kEmporiumPost : order->carrier;
  Carrier* carrier = carriers_->find(carrier_name);
  if (carrier == nullptr) {
    return kernel::Error{"carrier_unavailable", "The order's carrier '" + carrier_name + "' is not available."};
  }
  const std::string service = order->service.empty() ? std::string(kStandardService) : order->service;

  Shipment draft;
  draft.order_id = order->order_id;
  draft.customer_id = order->customer_id;
  draft.carrier = carrier_name;
  draft.service = service;
  draft.service_name = service_name(order->shipping_option_id, service);
  draft.status = kLabelCreated;
  draft.weight_grams = order->weight_grams;
  draft.recipient = order->address;
  draft.sender = config_.sender;

  for (int attempt = 0; attempt < kTrackingAttempts; ++attempt) {
    LabelData request{"", draft.order_id, "", draft.carrier, draft.service_name, draft.weight_grams,
                      draft.sender, draft.recipient, ""};
    draft.tracking_number = carrier->create_shipment(request);
    auto outcome = db_.transact(shipping_module_id(), [&](kernel::Tx& tx) -> std::optional<kernel::Result<Shipment>> {
      ShipmentStore store(tx);
      if (store.find_by_order(order_id)) {
        return kernel::Result<Shipment>(kernel::Error{"shipment_exists", "Order " + order_id + " already has a shipment."});
      }
      if (order->status != "paid") {
        return kernel::Result<Shipment>(kernel::Error{
            "order_not_shippable", "Order " + order_id + " is " + order->status + "; only a paid order ships."});
      }
      auto created = store.insert(draft);
      if (!created) return std::nullopt;  // a concurrent shipment or a taken tracking number: look again
      auto occurred_at = store.add_event(created->id, kLabelCreated, "Shipping label created");
      tx.publish(events::kTrackingUpdated, events::kVersion, tracking_updated_payload(*created, occurred_at.value_or("")));
      return kernel::Result<Shipment>(std::move(*created));
    });
    if (outcome) return std::move(*outcome);
  }
  throw std::runtime_error("shipping: no free tracking number after several attempts");
}

kernel::Result<std::string> ShippingService::label(const std::string& shipment_id, const kernel::Principal& caller,
                                                   bool compress) {
  auto shipment = db_.transact(shipping_module_id(), [&](kernel::Tx& tx) { return ShipmentStore(tx).find(shipment_id); });
  if (!shipment || !may_see(caller, shipment->customer_id)) {
    return kernel::Error{"not_found", "No shipment " + shipment_id + "."};
  }
  Carrier* carrier = carriers_->find(shipment->carrier);
  if (carrier == nullptr) {
    return kernel::Error{"carrier_unavailable", "The shipment's carrier '" + shipment->carrier + "' is not available."};
  }
  return carrier->label_pdf({shipment->id, shipment->order_id, shipment->tracking_number, shipment->carrier,
                             shipment->service_name, shipment->weight_grams, shipment->sender, shipment->recipient,
                             shipment->created_at},
                            compress);
}

kernel::Result<Tracking> ShippingService::tracking(const std::string& order_id, const kernel::Principal& caller) {
  auto found = db_.transact(shipping_module_id(), [&](kernel::Tx& tx) -> std::optional<Tracking> {
    ShipmentStore store(tx);
    auto shipment = store.find_by_order(order_id);
    if (!shipment) return std::nullopt;
    auto events = store.events(shipment->id);
    return Tracking{shipment->status, std::move(shipment), std::move(events)};
  });
  const kernel::Error unknown{"not_found", "No order " + order_id + "."};
  if (found) {
    if (!may_see(caller, found->shipment->customer_id)) return unknown;
    return std::move(*found);
  }
  auto orders = lookup<ShippableOrders>();
  if (!orders) return kernel::Error{"service_unavailable", "Orders are not available in this server."};
  auto order = orders->find(order_id);
  if (!order || !may_see(caller, order->customer_id)) return unknown;
  return Tracking{"awaiting_shipment", std::nullopt, {}};
}

bool ShippingService::record_status(kernel::Tx& tx, const std::string& order_id, const std::string& status,
                                    const std::string& description) {
  ShipmentStore store(tx);
  auto shipment = store.find_by_order(order_id);
  if (!shipment) return false;
  auto occurred_at = store.add_event(shipment->id, status, description);
  if (!occurred_at) return true;  // already recorded: a repeated or replayed event
  if (store.advance_status(shipment->id, status)) shipment->status = status;
  // Published even when a later status is already set (delivered before
  // shipped arrived): consumers see each tracking event once.
  Shipment reported = *shipment;
  reported.status = status;
  tx.publish(events::kTrackingUpdated, events::kVersion, tracking_updated_payload(reported, *occurred_at));
  return true;
}

}  // namespace emporium::shipping
