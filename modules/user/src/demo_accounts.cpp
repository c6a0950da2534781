#include "demo_accounts.hpp"

#include <stdexcept>

#include "emporium/kernel/log.hpp"

namespace emporium::user {

void seed_demo_accounts(Users& users, Registration& registration) {
  for (const DemoAccount& demo : {kDemoCustomer, kDemoSeller, kDemoAdmin}) {
    std::string email(demo.email);
    if (!users.find_by_email(email)) {
      auto created = registration.create({email, std::string(demo.password), std::string(demo.name), demo.role});
      if (!created && created.error().code != "email_taken") {
        throw std::runtime_error("demo account " + email + ": " + created.error().message);
      }
    }
    kernel::log::info("user", "demo account",
                      {{"email", demo.email}, {"password", demo.password}, {"role", kernel::role_name(demo.role)}});
  }
}

}  // namespace emporium::user
