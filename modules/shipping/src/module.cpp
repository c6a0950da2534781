#include "emporium/shipping/module.hpp"

namespace emporium::shipping {
namespace {

class ShippingModule final : public kernel::Module {
 public:
  const kernel::ModuleId& id() const override { return id_; }

 private:
  kernel::ModuleId id_{EMPORIUM_MODULE_NAME, EMPORIUM_MODULE_SCHEMA};
};

}  // namespace

std::unique_ptr<kernel::Module> make_module() { return std::make_unique<ShippingModule>(); }

}  // namespace emporium::shipping
