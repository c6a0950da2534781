#pragma once
// A module's identity in the database: its schema and the role that owns it.
#include <string>

namespace emporium::kernel {

struct ModuleId {
  std::string name;    // e.g. "order"
  std::string schema;  // e.g. "orders" (`order` and `user` are SQL keywords, so those two differ)
  std::string role() const { return "emporium_" + name; }
};

}  // namespace emporium::kernel
