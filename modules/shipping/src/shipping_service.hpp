#pragma once
// Implements the Shipping interface and everything the routes and event
// subscribers ask of this module: the rate table, quotes for a cart,
// shipments with labels, and tracking.
#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "carrier.hpp"
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/cache_feed.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/services.hpp"
#include "emporium/shipping/shipping.hpp"
#include "emporium/user/postal_address.hpp"
#include "shipment.hpp"
#include "rates_cache.hpp"
#include "shipping_config.hpp"

namespace emporium::shipping {

struct Tracking {
  std::string status;  // awaiting_shipment before a shipment exists
  std::optional<Shipment> shipment;
  std::vector<TrackingEvent> events;
};

class ShippingService final : public Shipping {
 public:
  // `services` outlives this object; the cart and the order module's
  // ShippableOrders are looked up in it when a request needs them (the order
  // module starts after this one).
  ShippingService(kernel::Database& db, const kernel::Services& services, ShippingConfig config,
                  std::shared_ptr<Carriers> carriers);

  kernel::Result<std::vector<ShippingOption>> quote(const Parcel& parcel) override;
  kernel::Result<ShippingOption> option_for(const Parcel& parcel, const std::string& option_id) override;
  std::optional<ShipmentSummary> shipment_for_order(const std::string& order_id) override;

  // The active table: the newest saved one, else the configured defaults.
  // Served from this instance's copy while the rates feed is alive, shared
  // rather than copied.
  std::shared_ptr<const RateTable> rates();
  // The listener that keeps the copy of the rates true to other instances'
  // replacements; until it runs, every read goes to the database.
  void start_rates_feed() { rates_feed_.start(); }
  void stop_rates_feed() { rates_feed_.stop(); }
  const RatesCache& rates_cache() const { return rates_cache_; }
  // Validates and saves a new version; the field errors when it is not valid.
  std::variant<RateTable, std::vector<kernel::FieldError>> replace_rates(const boost::json::object& body,
                                                                         const std::string& admin_id);

  // Options for a cart as `user_id` may see it ("" for a guest) sent to `address`.
  kernel::Result<std::vector<ShippingOption>> quote_cart(const std::string& cart_id, const std::string& user_id,
                                                         const user::PostalAddress& address);

  // A shipment for a paid order. Errors: not_found, shipment_exists,
  // order_not_shippable, carrier_unavailable, service_unavailable.
  kernel::Result<Shipment> create_shipment(const std::string& order_id);
  // The label PDF of a shipment the caller may see (an admin, or the order's customer).
  kernel::Result<std::string> label(const std::string& shipment_id, const kernel::Principal& caller,
                                    bool compress = true);
  kernel::Result<Tracking> tracking(const std::string& order_id, const kernel::Principal& caller);

  // In the subscriber's transaction: records the order's shipment as
  // `status` (shipped, delivered) once, moves its status forward and
  // publishes shipping.tracking_updated. False when the order has no shipment.
  bool record_status(kernel::Tx& tx, const std::string& order_id, const std::string& status,
                     const std::string& description);

 private:
  template <class Interface>
  std::shared_ptr<Interface> lookup() const;
  std::string service_name(const std::string& option_id, const std::string& service);

  kernel::Database& db_;
  const kernel::Services& services_;
  ShippingConfig config_;
  std::shared_ptr<Carriers> carriers_;
  RatesCache rates_cache_;
  kernel::CacheFeedListener rates_feed_;
};

// {"shipment_id", "order_id", "tracking_number", "carrier", "service", "status", "occurred_at"}
std::string tracking_updated_payload(const Shipment& shipment, const std::string& occurred_at);

}  // namespace emporium::shipping
