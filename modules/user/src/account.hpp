#pragma once
// The plain values of the user module: an account as the API shows it, and
// the changes a profile edit or an admin may make.
#include <optional>
#include <string>

#include "emporium/kernel/auth.hpp"

namespace emporium::user {

struct Account {
  std::string id;
  std::string email;
  std::string name;
  std::string phone;  // empty: none
  kernel::Role role = kernel::Role::customer;
  bool disabled = false;
  std::string created_at;
  std::string updated_at;
};

// Each field: nullopt leaves it alone. `phone` set to "" clears it.
struct AccountChanges {
  std::optional<std::string> name;
  std::optional<std::string> phone;
  std::optional<kernel::Role> role;
  std::optional<bool> disabled;
};

}  // namespace emporium::user
