#include "emporium/payment/module.hpp"

#include <memory>
#include <stdexcept>

#include "emporium/payment/payments.hpp"
#include "payment_config.hpp"
#include "payment_module_id.hpp"
#include "payment_service.hpp"
#include "personal_data_exporter.hpp"
#include "routes.hpp"
#include "test_provider.hpp"

namespace emporium::payment {
namespace {

class PaymentModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return payment_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto config = read_payment_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    auto secret = test_webhook_secret(config.value());
    if (!secret) throw std::runtime_error("payment: " + secret.error().message);
    std::vector<std::shared_ptr<PaymentProvider>> providers{std::make_shared<TestProvider>(context.db, secret.value())};
    service_ = std::make_shared<PaymentService>(context.db, context.metrics, std::move(providers),
                                                config->abandoned_charge_after);
    context.services.provide<Payments>(service_);
    add_payment_routes(context.router, context.auth, context.db, *service_);
    add_personal_data_exporter(context.personal_data, *service_);
    // On user.deleted the payments stay (accounting records keep the
    // customer id; they hold no card data): nothing to subscribe to.
  }

 private:
  std::shared_ptr<PaymentService> service_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<PaymentModule>(); }

}  // namespace emporium::payment
