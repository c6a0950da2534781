#include "emporium/order/module.hpp"

#include <memory>
#include <stdexcept>

#include "checkout.hpp"
#include "emporium/cart/carts.hpp"
#include "emporium/inventory/inventory.hpp"
#include "emporium/kernel/periodic_job.hpp"
#include "emporium/payment/payments.hpp"
#include "emporium/shipping/shippable_orders.hpp"
#include "emporium/shipping/shipping.hpp"
#include "emporium/user/users.hpp"
#include "order_config.hpp"
#include "order_lifecycle.hpp"
#include "order_metrics.hpp"
#include "order_module_id.hpp"
#include "order_service.hpp"
#include "routes.hpp"
#include "subscribers.hpp"

namespace emporium::order {
namespace {

class OrderModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return order_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto config = read_order_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    config_ = config.value();
    carts_ = context.services.get<cart::Carts>();
    shipping_ = context.services.get<shipping::Shipping>();
    payments_ = context.services.get<payment::Payments>();
    inventory_ = context.services.get<inventory::Inventory>();
    users_ = context.services.get<user::Users>();
    metrics_ = std::make_unique<OrderMetrics>(context.metrics);
    lifecycle_ = std::make_unique<OrderLifecycle>(
        context.db, OrderPorts{*carts_, *shipping_, *payments_, *inventory_, *users_}, *metrics_);
    checkout_ = std::make_unique<Checkout>(context.db, *lifecycle_, config_);
    orders_ = std::make_shared<OrderService>(context.db, *lifecycle_);
    context.services.provide<shipping::ShippableOrders>(orders_);

    add_order_routes(context.router, context.auth, context.db, *checkout_, *orders_);
    subscribe_payment_captured(context.bus, *lifecycle_);
    subscribe_payment_failed(context.bus, *lifecycle_);
    subscribe_payment_refunded(context.bus, *lifecycle_);
    subscribe_order_cancelled(context.bus, *lifecycle_);
    subscribe_user_deleted(context.bus, *orders_);
    context.personal_data.add_exporter("orders", [orders = orders_](const std::string& user_id) {
      return orders->export_personal_data(user_id);
    });

    repair_ = std::make_unique<kernel::PeriodicJob>(
        "order", "checkout saga repair", [checkout = checkout_.get()] { return checkout->repair_one(); },
        config_.saga_repair_interval);
    repair_->start();
  }

  void stop() override {
    if (repair_) repair_->stop();
  }

 private:
  OrderConfig config_;
  std::shared_ptr<cart::Carts> carts_;
  std::shared_ptr<shipping::Shipping> shipping_;
  std::shared_ptr<payment::Payments> payments_;
  std::shared_ptr<inventory::Inventory> inventory_;
  std::shared_ptr<user::Users> users_;
  std::unique_ptr<OrderMetrics> metrics_;
  std::unique_ptr<OrderLifecycle> lifecycle_;
  std::unique_ptr<Checkout> checkout_;
  std::shared_ptr<OrderService> orders_;
  std::unique_ptr<kernel::PeriodicJob> repair_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<OrderModule>(); }

}  // namespace emporium::order
