#include "emporium/user/module.hpp"

#include <stdexcept>

#include "demo_accounts.hpp"
#include "emporium/kernel/log.hpp"
#include "key_ring.hpp"
#include "personal_data_exporters.hpp"
#include "routes.hpp"
#include "user_config.hpp"
#include "user_module_id.hpp"
#include "user_services.hpp"
#include "users_service.hpp"

namespace emporium::user {
namespace {

class UserModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return user_module_id(); }

  void start(kernel::ModuleContext& context) override {
    auto config = read_user_config(context.config);
    if (!config) throw std::runtime_error(config.error().message);
    auto ring = load_key_ring(config.value());
    if (!ring) throw std::runtime_error(ring.error().message);
    kernel::log::info("user", "access tokens signed with Ed25519", {{"kid", ring->active.kid}});
    services_ = std::make_unique<UserServices>(context.db, context.metrics, std::move(config.value()),
                                               std::move(ring.value()));

    context.auth.set_verifier(services_->verifier);
    add_auth_routes(context.router, *services_);
    add_password_reset_routes(context.router, *services_);
    add_profile_routes(context.router, context.auth, *services_, context.personal_data);
    add_address_routes(context.router, context.auth, *services_);
    add_admin_routes(context.router, context.auth, *services_);
    add_jwks_route(context.router, *services_);
    add_personal_data_exporters(context.personal_data, context.db);
    users_ = std::make_shared<UsersService>(context.db);
    context.services.provide<Users>(users_);
  }

  void seed_demo_data(kernel::ModuleContext&, const kernel::SeedOptions&) override {
    seed_demo_accounts(*users_, services_->registration);
  }

 private:
  std::unique_ptr<UserServices> services_;
  std::shared_ptr<UsersService> users_;
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<UserModule>(); }

}  // namespace emporium::user
