#pragma once
// The user module's interface for other modules, provided at start:
// `context.services.get<user::Users>()`. Reads only; changes travel as
// events (events.hpp).
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/auth.hpp"
#include "emporium/user/postal_address.hpp"

namespace emporium::user {

// What another module may know about a user: whom to address (an order
// email, a seller's name).
struct UserSummary {
  std::string id;
  std::string email;
  std::string name;
  kernel::Role role = kernel::Role::customer;
  bool disabled = false;
};

class Users {
 public:
  virtual ~Users() = default;
  // nullopt for an unknown or erased user.
  virtual std::optional<UserSummary> find(const std::string& user_id) = 0;
  // The live accounts among `user_ids` (disabled ones included, as `find`
  // returns them), each once, in no particular order; unknown and erased
  // ids are left out. One lookup for a batch of events; a test fake need
  // not implement it.
  virtual std::vector<UserSummary> find_many(const std::vector<std::string>& user_ids) {
    std::vector<UserSummary> found;
    for (const auto& id : user_ids) {
      if (std::any_of(found.begin(), found.end(), [&](const UserSummary& f) { return f.id == id; })) continue;
      if (auto user = find(id)) found.push_back(std::move(*user));
    }
    return found;
  }
  // Case-insensitive; nullopt when no live account has the email.
  virtual std::optional<UserSummary> find_by_email(const std::string& email) = 0;
  // Every live, enabled account with `role` (the admins a low-stock notice
  // goes to), oldest first. Not pure so that test fakes need not implement it.
  virtual std::vector<UserSummary> find_by_role(kernel::Role) { return {}; }
  // One of the user's saved addresses; nullopt when it does not exist or
  // belongs to someone else (checkout's `address_id`).
  virtual std::optional<PostalAddress> find_address(const std::string& /*user_id*/, const std::string& /*address_id*/) {
    return std::nullopt;
  }
};

// The accounts that `emporium seed` and `serve --demo-data` create when they
// are missing. Their passwords are published on purpose: demo data only.
struct DemoAccount {
  std::string_view email;
  std::string_view password;
  std::string_view name;
  kernel::Role role;
};

inline constexpr DemoAccount kDemoCustomer{"customer@demo.emporium.test", "demo-customer-pass", "Demo Customer",
                                           kernel::Role::customer};
inline constexpr DemoAccount kDemoSeller{"seller@demo.emporium.test", "demo-seller-pass", "Demo Seller",
                                         kernel::Role::seller};
inline constexpr DemoAccount kDemoAdmin{"admin@demo.emporium.test", "demo-admin-pass", "Demo Admin",
                                        kernel::Role::admin};

}  // namespace emporium::user
