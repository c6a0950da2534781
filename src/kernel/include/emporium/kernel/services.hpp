#pragma once
// Module interfaces offered to other modules. A module provides its public
// interface when it starts; modules start in dependency order, so a module
// finds the interfaces of the modules it declared. Only ids and plain types
// cross this line, never another module's tables.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeindex>

namespace emporium::kernel {

class Services {
 public:
  template <class Interface>
  void provide(std::shared_ptr<Interface> service) {
    services_[std::type_index(typeid(Interface))] = std::move(service);
  }

  // Throws std::logic_error when no started module provides it: a wiring bug.
  template <class Interface>
  std::shared_ptr<Interface> get() const {
    auto it = services_.find(std::type_index(typeid(Interface)));
    if (it == services_.end()) {
      throw std::logic_error(std::string("no module provides ") + typeid(Interface).name() +
                             "; is the providing module started before its users?");
    }
    return std::static_pointer_cast<Interface>(it->second);
  }

 private:
  std::map<std::type_index, std::shared_ptr<void>> services_;
};

// What `emporium seed` and `serve --demo-data` ask for.
struct SeedOptions {
  int products = 200;
};

}  // namespace emporium::kernel
