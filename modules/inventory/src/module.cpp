#include "emporium/inventory/module.hpp"

#include <memory>
#include <stdexcept>

#include "demo_seed.hpp"
#include "emporium/catalog/catalog.hpp"
#include "emporium/inventory/inventory.hpp"
#include "emporium/kernel/periodic_job.hpp"
#include "inventory_config.hpp"
#include "inventory_module_id.hpp"
#include "inventory_service.hpp"
#include "routes.hpp"
#include "stock_keeping.hpp"
#include "warehouses.hpp"

namespace emporium::inventory {
namespace {

class InventoryModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return inventory_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto config = read_inventory_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    catalog_ = context.services.get<catalog::Catalog>();
    service_ = std::make_shared<InventoryService>(context.db, config.value(), context.metrics);
    context.services.provide<Inventory>(service_);

    stock_ = std::make_unique<StockKeeping>(context.db, *catalog_, config.value());
    warehouses_ = std::make_unique<Warehouses>(context.db);
    add_stock_routes(context.router, context.auth, *stock_);
    add_warehouse_routes(context.router, context.auth, *warehouses_);

    expiry_ = std::make_unique<kernel::PeriodicJob>("inventory", "reservation expiry", [service = service_] { return service->expire_one(); },
                                          config->expiry_interval);
    expiry_->start();
  }

  void seed_demo_data(kernel::ModuleContext& context, const kernel::SeedOptions&) override {
    seed_demo_stock(context.db, *catalog_);
  }

  void stop() override {
    if (expiry_) expiry_->stop();
  }

 private:
  std::shared_ptr<catalog::Catalog> catalog_;
  std::shared_ptr<InventoryService> service_;
  std::unique_ptr<StockKeeping> stock_;
  std::unique_ptr<Warehouses> warehouses_;
  std::unique_ptr<kernel::PeriodicJob> expiry_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<InventoryModule>(); }

}  // namespace emporium::inventory
