#pragma once
// Demo data: the demo customer, seller and admin of users.hpp.
#include "emporium/user/users.hpp"
#include "registration.hpp"

namespace emporium::user {

// Creates each demo account that is missing and logs its credentials (they
// are published demo passwords, not secrets).
void seed_demo_accounts(Users& users, Registration& registration);

}  // namespace emporium::user
