#include "emporium/cart/module.hpp"

#include <memory>
#include <stdexcept>

#include "cart_config.hpp"
#include "cart_module_id.hpp"
#include "cart_service.hpp"
#include "emporium/cart/carts.hpp"
#include "emporium/catalog/catalog.hpp"
#include "emporium/inventory/inventory.hpp"
#include "emporium/kernel/periodic_job.hpp"
#include "personal_data_exporter.hpp"
#include "routes.hpp"
#include "subscribers.hpp"

namespace emporium::cart {
namespace {

class CartModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return cart_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto config = read_cart_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    catalog_ = context.services.get<catalog::Catalog>();
    inventory_ = context.services.get<inventory::Inventory>();
    service_ = std::make_shared<CartService>(context.db, *catalog_, *inventory_, config.value());
    context.services.provide<Carts>(service_);

    add_cart_routes(context.router, context.auth, *service_);
    subscribe_to_user_deletions(context.bus);
    add_personal_data_exporter(context.personal_data, context.db);

    expiry_ = std::make_unique<kernel::PeriodicJob>(
        "cart", "guest cart expiry", [service = service_] { return service->expire_batch(); },
        config->expiry_interval);
    expiry_->start();
  }

  void stop() override {
    if (expiry_) expiry_->stop();
  }

 private:
  std::shared_ptr<catalog::Catalog> catalog_;
  std::shared_ptr<inventory::Inventory> inventory_;
  std::shared_ptr<CartService> service_;
  std::unique_ptr<kernel::PeriodicJob> expiry_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<CartModule>(); }

}  // namespace emporium::cart
