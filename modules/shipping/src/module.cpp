#include "emporium/shipping/module.hpp"

#include <memory>
#include <stdexcept>

#include "emporium/shipping/shipping.hpp"
#include "emporium_post.hpp"
#include "routes.hpp"
#include "shipping_config.hpp"
#include "shipping_module_id.hpp"
#include "shipping_service.hpp"
#include "subscribers.hpp"

namespace emporium::shipping {
namespace {

class ShippingModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return shipping_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto carriers = std::make_shared<Carriers>();
    // A real carrier integration is one more `carriers->add(...)` here.
    carriers->add(std::make_shared<EmporiumPost>());
    auto config = read_shipping_config(context.config, carriers->names());
    if (!config) throw std::runtime_error(config.error().message);
    service_ = std::make_shared<ShippingService>(context.db, context.services, std::move(config.value()), carriers);
    context.services.provide<Shipping>(service_);

    add_rate_routes(context.router, context.auth, *service_);
    add_shipment_routes(context.router, context.auth, *service_);
    subscribe_order_shipped(context.bus, *service_);
    subscribe_order_delivered(context.bus, *service_);
    service_->start_rates_feed();
  }

  void stop() override {
    if (service_) service_->stop_rates_feed();
  }

 private:
  std::shared_ptr<ShippingService> service_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<ShippingModule>(); }

}  // namespace emporium::shipping
