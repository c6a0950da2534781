#pragma once
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/personal_data.hpp"

namespace emporium::catalog {

// The "reviews" section of GET /users/me/export: every review the user wrote.
void add_personal_data_exporter(kernel::PersonalData& personal_data, kernel::Database& db);

}  // namespace emporium::catalog
