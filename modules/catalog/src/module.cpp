#include "emporium/catalog/module.hpp"

#include <stdexcept>

#include "catalog_module_id.hpp"
#include "catalog_services.hpp"
#include "demo_seed.hpp"
#include "personal_data_exporter.hpp"
#include "routes.hpp"
#include "subscribers.hpp"

namespace emporium::catalog {
namespace {

class CatalogModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return catalog_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto config = read_catalog_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    services_ = std::make_unique<CatalogServices>(context.db, context.metrics, config.value(),
                                                  context.services.get<user::Users>());
    context.services.provide<Catalog>(services_->catalog);
    context.services.provide<ProductViewFeed>(services_->views);

    add_product_read_routes(context.router, context.auth, *services_);
    add_product_write_routes(context.router, context.auth, *services_);
    add_category_routes(context.router, context.auth, *services_);
    add_review_routes(context.router, context.auth, *services_);
    subscribe_to_stock_changes(context.bus);
    subscribe_to_stock_loads(context.bus);
    subscribe_to_user_deletions(context.bus);
    subscribe_to_paid_orders(context.bus);
    add_personal_data_exporter(context.personal_data, context.db);

    auto& cache = services_->cache;
    context.metrics.add_gauge("emporium_catalog_cache_bytes", "Bytes held by the catalog response cache.",
                              [&cache] { return static_cast<double>(cache.bytes()); });
    context.metrics.add_gauge("emporium_catalog_cache_entries", "Responses held by the catalog response cache.",
                              [&cache] { return static_cast<double>(cache.entries()); });
    // Without a cache there is nothing to invalidate.
    if (services_->config.cache_enabled) services_->feed.start();
  }

  void seed_demo_data(kernel::ModuleContext& context, const kernel::SeedOptions& options) override {
    seed_demo_catalog(context.db, *services_->users, services_->cache, options);
  }

  void stop() override {
    if (services_) services_->feed.stop();
  }

 private:
  std::unique_ptr<CatalogServices> services_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<CatalogModule>(); }

}  // namespace emporium::catalog
