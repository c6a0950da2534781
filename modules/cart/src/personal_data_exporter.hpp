#pragma once
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/personal_data.hpp"

namespace emporium::cart {

// The `carts` section of GET /users/me/export: every cart of the user with
// the items as this module stores them.
void add_personal_data_exporter(kernel::PersonalData& personal_data, kernel::Database& db);

}  // namespace emporium::cart
