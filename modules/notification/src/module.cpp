#include "emporium/notification/module.hpp"

#include <stdexcept>

#include "channels.hpp"
#include "consumers.hpp"
#include "delivery_worker.hpp"
#include "emporium/kernel/log.hpp"
#include "notification_config.hpp"
#include "personal_data_exporter.hpp"
#include "routes.hpp"

namespace emporium::notification {
namespace {

class NotificationModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return id_; }

  void start(kernel::ModuleContext& context) override {
    auto config = read_notification_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    users_ = context.services.get<user::Users>();
    kernel::log::info("notification", config->smtp_url.empty() ? "email written to .eml files" : "email over SMTP",
                      {{"mail_dir", config->data_dir + "/mail"}, {"from", config->mail_from}});
    worker_ = std::make_unique<DeliveryWorker>(context.db, id_, config.value(), make_email_channel(config.value()),
                                               make_dev_sms_provider(config->data_dir));
    subscribe_consumers(context, id_, *users_);
    RouteDeps deps{context.db, id_, context.auth, *users_, *worker_};
    add_inbox_routes(context.router, deps);
    add_admin_routes(context.router, deps);
    add_personal_data_exporter(context.personal_data, context.db, id_);
    worker_->start();
  }

  void stop() override {
    if (worker_) worker_->stop();
  }

 private:
  kernel::ModuleId id_{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
  std::shared_ptr<user::Users> users_;
  std::unique_ptr<DeliveryWorker> worker_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<NotificationModule>(); }

}  // namespace emporium::notification
