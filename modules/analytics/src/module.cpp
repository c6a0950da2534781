#include "emporium/analytics/module.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>

#include "analytics_config.hpp"
#include "analytics_module_id.hpp"
#include "emporium/catalog/catalog.hpp"
#include "emporium/catalog/product_views.hpp"
#include "emporium/kernel/periodic_job.hpp"
#include "report_routes.hpp"
#include "reports.hpp"
#include "sales_store.hpp"
#include "subscribers.hpp"
#include "view_counter.hpp"
#include "view_flusher.hpp"

namespace emporium::analytics {
namespace {

std::int64_t epoch_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class AnalyticsModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return analytics_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto config = read_analytics_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    const bool known = context.db.transact(
        id(), [&](kernel::Tx& tx) { return SalesStore(tx).time_zone_exists(config->time_zone); });
    if (!known) {
      throw std::runtime_error("config: analytics.time_zone '" + config->time_zone +
                               "' is not a time zone the database knows (an IANA name such as Europe/Berlin)");
    }
    reports_ = std::make_unique<Reports>(context.db, config.value());
    add_report_routes(context.router, context.auth, *reports_);
    subscribe_to_order_paid(context.bus);
    subscribe_to_order_refunded(context.bus);
    subscribe_to_order_cancelled(context.bus);

    catalog_ = context.services.get<catalog::Catalog>();
    flusher_ = std::make_unique<ViewFlusher>(context.db, counter_, catalog_.get(), config->time_zone);
    context.services.get<catalog::ProductViewFeed>()->listen(
        [this](std::string_view product_id) { counter_.count(product_id, epoch_seconds()); });
    flush_job_ = std::make_unique<kernel::PeriodicJob>(
        "analytics", "product views flush",
        [this] {
          flusher_->flush();
          return false;  // one batch per round
        },
        config->views_flush_interval);
    flush_job_->start();
  }

  void stop() override {
    if (flush_job_) flush_job_->stop();
    // The views counted since the last round.
    if (flusher_) flusher_->flush();
  }

 private:
  ViewCounter counter_;
  std::shared_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<Reports> reports_;
  std::unique_ptr<ViewFlusher> flusher_;
  std::unique_ptr<kernel::PeriodicJob> flush_job_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<AnalyticsModule>(); }

}  // namespace emporium::analytics
