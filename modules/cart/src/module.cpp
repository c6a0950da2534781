#include "emporium/cart/module.hpp"

namespace emporium::cart {
namespace {

class CartModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return id_; }

 private:
  kernel::ModuleId id_{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<CartModule>(); }

}  // namespace emporium::cart
